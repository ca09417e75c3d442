-- A runtime error in a script (tests/lua/run.sh): lua exits 1 with the message and a traceback.
local function divide(t) return t.n / 2 end
print("before")
print(divide(nil))
