-- wrk script: every search has three made-up words never seen before, as a
-- long tail of real queries (typos, names, new words) or an attacker would
-- send. Each is analysed in full (base forms, Voikko spelling suggestions),
-- so per-worker analysis caches fill: only their bounds keep memory flat.
math.randomseed(os.time() + math.floor(os.clock() * 1000000))
local letters = "aaaeeiioouyklmnprstvhjdgaaeiiouy"
local function word()
  local t = {}
  for _ = 1, math.random(5, 12) do
    local k = math.random(1, #letters)
    t[#t + 1] = letters:sub(k, k)
  end
  return table.concat(t)
end
request = function()
  return wrk.format("GET", "/api/v1/search?q=" .. word() .. "%20" .. word() .. "%20" .. word())
end
