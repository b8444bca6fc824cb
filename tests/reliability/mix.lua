-- wrk script: cycles through a fixed mix of real-style searches (every one
-- asks for facets, some filter, some sort by distance).
local paths = {
  "/api/v1/search?q=neuvola",
  "/api/v1/search?q=neuvolaan&municipality=837",
  "/api/v1/search?q=perhekahvila",
  "/api/v1/search?q=paivakoti&age=3",
  "/api/v1/search?q=aiti%20vauva%20ryhma",
  "/api/v1/search?q=perheneuvola&near=61.4978,23.7610&sort=distance",
  "/api/v1/search?q=&provider_type=ngo",
  "/api/v1/search?q=lastensuojelu&cost=free",
  "/api/v1/search?q=kerho&language=sv",
  "/api/v1/suggest?q=perhek",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
