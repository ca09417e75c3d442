-- The CPU-bound script of bench-lua (tests/lua/bench.sh): recursion, string building and
-- table work, about a second for Debian's lua5.4 on the build machine. Prints one checksum
-- line, the same on every interpreter.
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
local function strings(n)
	local parts = {}
	for i = 1, n do parts[#parts + 1] = string.format("%d:%x", i, i * 7) end
	local s = table.concat(parts, ",")
	local count = 0
	for _ in s:gmatch("%d+:") do count = count + 1 end
	return #s + count + #s:upper():gsub("A", "a")
end
local function tables(n)
	local t = {}
	for i = 1, n do t[i] = (i * 7919) % n end
	table.sort(t)
	local m = {}
	for i = 1, n do m["k" .. t[i] % 1000] = (m["k" .. t[i] % 1000] or 0) + 1 end
	local sum = 0
	for _, v in pairs(m) do sum = sum + v end
	return sum + t[n // 2]
end
print("cpu: " .. fib(29) + strings(300000) + tables(300000))
