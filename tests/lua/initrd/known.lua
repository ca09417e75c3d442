-- Known results for tests/lua/run.sh: each line is what Debian's lua5.4 prints for the same
-- script (positions stripped from error messages, since the chunk's name differs). Files
-- are under KNOWN_ROOT: unset in the guest (the initrd is the root), a copy of this folder
-- for the host's lua5.4, its path taken out of the messages.
local function msg(m) return (tostring(m):gsub("^[^:]*:%d+: ", "")) end
print("strings", ("kiln"):upper(), ("%5.2f|%d|%q"):format(math.pi, 42, "a\nb"),
	("hello world"):gsub("o", "0"), ("x=1, y=22"):match("y=(%d+)"), ("ab"):rep(3, "-"),
	#("x"):rep(1000), ("abc"):byte(1, -1))
local t = {}
for i = 1, 10 do t[i] = i * i end
table.sort(t, function(a, b) return a > b end)
local keys = {}
for k in pairs({ a = 1, b = 2, c = 3 }) do keys[#keys + 1] = k end
table.sort(keys)
print("tables", #t, table.concat(t, ",", 1, 4), select("#", table.unpack(t)), table.concat(keys))
print("math", math.floor(-2.5), math.max(3, 9, 1), 7 // 2, 7 % -3, 2 ^ 10, 10 / 4,
	math.tointeger(3.0), 1e300 * 1e10, -(0 / 0) ~= -(0 / 0), string.format("%.10f", math.sin(1)),
	math.maxinteger, math.mininteger, math.maxinteger + 1 == math.mininteger, 3 | 5, 1 << 62,
	string.format("%.14g", 2 ^ 0.5), tonumber("0x1p4"), tonumber("  12e-1 "), 2 ^ 53 + 1.0)
local function counter()
	local n = 0
	return function() n = n + 1 return n end
end
local c1, c2 = counter(), counter()
c1() c1()
print("closures", c1(), c2())
local co = coroutine.wrap(function(a)
	local b = coroutine.yield(a + 1)
	local d = coroutine.yield(b * 2)
	return d .. "!"
end)
local gen = coroutine.create(function() for i = 1, 3 do coroutine.yield(i) end end)
local got = {}
while true do
	local ok, v = coroutine.resume(gen)
	if not v then break end
	got[#got + 1] = v
end
print("coroutines", co(1), co(10), co("end"), table.concat(got, " "), coroutine.status(gen))
local ok, e = pcall(function() local x; return x.y end)
print("pcall", ok, msg(e), select(2, pcall(error, { code = 7 })).code, pcall(error, "plain", 0))
print("xpcall", xpcall(function() error("deep") end, function(m) return "handled " .. msg(m) end))
print("os.time", os.time({ year = 2024, month = 1, day = 1, hour = 0 }),
	os.date("!%Y-%m-%d %H:%M:%S", 86400 * 365 + 3661), math.type(os.time()), type(os.clock()))
-- os.clock is processor time: it moves while the script works (a clock stuck at 0 would not)
local c0, spins = os.clock(), 0
while os.clock() == c0 and spins < 1e7 do spins = spins + 1 end
print("os.clock", c0 >= 0, os.clock() > c0)
print("utf8", utf8.char(72, 228, 8364), utf8.len("h\u{e4}ll\u{20ac}"), string.pack(">I4", 0x41424344))
print("args", select("#", ...), ...)
local root = os.getenv("KNOWN_ROOT") or ""
local function path(p) return root .. p end
local function shown(...)
	local t, quoted = table.pack(...), (root:gsub("%p", "%%%0"))
	for i = 1, t.n do
		if type(t[i]) == "string" and root ~= "" then t[i] = t[i]:gsub(quoted, "") end
	end
	return table.unpack(t, 1, t.n)
end
local sum = 0
for line in io.lines(path("/data/numbers.txt")) do sum = sum + tonumber(line) end
local w = assert(io.open(path("/data/out.txt"), "w"))
w:write("first line\n", 42, " ", 1.5, "\n")
w:close()
local a = assert(io.open(path("/data/out.txt"), "a"))
a:write("appended\n")
a:close()
local r = assert(io.open(path("/data/out.txt")))
local all = r:read("a")
r:seek("set", 6)
local word, n = r:read(4, "n")
print("files", sum, #all, word, n, r:seek("end"), (all:gsub("\n", "|")))
r:close()
print("rename", os.rename(path("/data/out.txt"), path("/data/moved.txt")), io.open(path("/data/out.txt")) == nil)
print("remove", os.remove(path("/data/moved.txt")), shown(os.remove(path("/data/moved.txt"))))
print("missing", shown(io.open(path("/no/such/file"))))
print("lines", shown(pcall(io.lines, path("/data/none.txt"))))
