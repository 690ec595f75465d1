"""The world's major cities, each with its IANA time zone and ISO 3166-1 country.

Written from general knowledge (no copied data set): capitals, the large metros of every
continent, and the towns cloud and GPU data centres are sold in. Two uses:
- a clock time given with a city ("6pm Las Vegas time", "before my Lagos call") takes the
  city's zone (`zones`);
- a city named where a place is expected ("run it in Lyon") is read as its country
  (`cities`, README "Regions": countries are ISO alpha-2).
Names that are also common words or first names (Nice, Mobile, Reading, Split, Victoria,
Charlotte, Florence...) are left out: a wrong zone or region is worse than a question.
"""

from __future__ import annotations

#: (zone, country, cities written in lower case, "|"-separated)
_TABLE: tuple[tuple[str, str, str], ...] = (
    # North America
    ("America/New_York", "US", "new york|new york city|nyc|manhattan|brooklyn|boston|"
     "washington|washington dc|washington d.c.|philadelphia|miami|atlanta|orlando|tampa|"
     "jacksonville|pittsburgh|baltimore|raleigh|charlotte nc|columbus|"
     "cleveland|cincinnati|detroit|buffalo|newark|jersey city|ashburn|reston|"
     "northern virginia|hartford|providence|albany|norfolk|savannah|indianapolis|louisville|"
     "new haven|princeton"),
    ("America/Chicago", "US", "chicago|dallas|houston|austin|san antonio|fort worth|"
     "minneapolis|st. louis|saint louis|kansas city|milwaukee|nashville|memphis|new orleans|"
     "oklahoma city|tulsa|omaha|des moines|council bluffs|madison wi|little rock|"
     "birmingham al|plano|irving|el paso"),
    ("America/Denver", "US", "denver|salt lake city|albuquerque|boise|colorado springs|"
     "cheyenne|boulder"),
    ("America/Phoenix", "US", "phoenix|tucson|scottsdale|mesa az|tempe"),
    ("America/Los_Angeles", "US", "los angeles|la|san francisco|sf|san jose|oakland|"
     "san diego|sacramento|seattle|portland|las vegas|vegas|reno|fresno|palo alto|"
     "mountain view|sunnyvale|santa clara|menlo park|cupertino|berkeley|irvine|"
     "silicon valley|bay area|the bay area|hillsboro|quincy|the dalles|redmond|bellevue|"
     "tacoma|spokane|long beach|santa monica|pasadena|hollywood"),
    ("America/Anchorage", "US", "anchorage|juneau|fairbanks"),
    ("Pacific/Honolulu", "US", "honolulu|hawaii"),
    ("America/Toronto", "CA", "toronto|montreal|montréal|ottawa|quebec city|québec|"
     "mississauga|waterloo|kitchener|hamilton on|london on"),
    ("America/Vancouver", "CA", "vancouver|surrey bc|kelowna"),
    ("America/Edmonton", "CA", "calgary|edmonton"),
    ("America/Winnipeg", "CA", "winnipeg"),
    ("America/Halifax", "CA", "halifax"),
    ("America/Mexico_City", "MX", "mexico city|ciudad de méxico|cdmx|guadalajara|monterrey|"
     "puebla|querétaro|queretaro"),
    ("America/Tijuana", "MX", "tijuana"),
    ("America/Cancun", "MX", "cancún|cancun"),
    # Central and South America, Caribbean
    ("America/Guatemala", "GT", "guatemala city"),
    ("America/Costa_Rica", "CR", "san josé"),
    ("America/Panama", "PA", "panama city"),
    ("America/Havana", "CU", "havana|la habana"),
    ("America/Santo_Domingo", "DO", "santo domingo"),
    ("America/Puerto_Rico", "PR", "san juan"),
    ("America/Bogota", "CO", "bogotá|bogota|medellín|medellin|barranquilla"),
    ("America/Caracas", "VE", "caracas"),
    ("America/Lima", "PE", "lima"),
    ("America/Guayaquil", "EC", "quito|guayaquil"),
    ("America/La_Paz", "BO", "la paz|santa cruz de la sierra"),
    ("America/Santiago", "CL", "santiago|santiago de chile|valparaíso|valparaiso"),
    ("America/Argentina/Buenos_Aires", "AR", "buenos aires|córdoba|cordoba"),
    ("America/Montevideo", "UY", "montevideo"),
    ("America/Asuncion", "PY", "asunción|asuncion"),
    ("America/Sao_Paulo", "BR", "são paulo|sao paulo|rio de janeiro|rio|brasília|brasilia|"
     "belo horizonte|curitiba|porto alegre|campinas|florianópolis|florianopolis|"
     "recife|fortaleza"),
    ("America/Manaus", "BR", "manaus"),
    # Europe
    ("Europe/London", "GB", "london|manchester|birmingham|leeds|glasgow|edinburgh|liverpool|"
     "bristol|cardiff|belfast|newcastle|sheffield|nottingham|leicester|oxford|"
     "slough|southampton|brighton|aberdeen|coventry"),
    ("Europe/Dublin", "IE", "dublin|cork|galway|limerick"),
    ("Europe/Paris", "FR", "paris|marseille|lyon|toulouse|lille|bordeaux|nantes|strasbourg|"
     "montpellier|rennes|grenoble|sophia antipolis"),
    ("Europe/Berlin", "DE", "berlin|frankfurt|frankfurt am main|munich|münchen|hamburg|"
     "cologne|köln|düsseldorf|dusseldorf|stuttgart|leipzig|dresden|hanover|hannover|"
     "nuremberg|nürnberg|dortmund|essen|bremen|bonn|karlsruhe|heidelberg|mannheim|mainz|"
     "freiburg|aachen|münster|wiesbaden|darmstadt|falkenstein"),
    ("Europe/Amsterdam", "NL", "amsterdam|rotterdam|the hague|den haag|utrecht|eindhoven|"
     "groningen|delft|leiden|haarlem|schiphol"),
    ("Europe/Brussels", "BE", "brussels|bruxelles|brussel|antwerp|antwerpen|ghent|gent|"
     "liège|liege|leuven|bruges"),
    ("Europe/Luxembourg", "LU", "luxembourg city"),
    ("Europe/Zurich", "CH", "zurich|zürich|geneva|genève|genf|basel|bern|lausanne|lugano"),
    ("Europe/Vienna", "AT", "vienna|wien|graz|linz|salzburg|innsbruck"),
    ("Europe/Madrid", "ES", "madrid|barcelona|valencia|seville|sevilla|bilbao|málaga|malaga|"
     "zaragoza|alicante|palma"),
    ("Atlantic/Canary", "ES", "las palmas|santa cruz de tenerife"),
    ("Europe/Lisbon", "PT", "lisbon|lisboa|porto|braga|coimbra"),
    ("Europe/Rome", "IT", "rome|roma|milan|milano|naples|napoli|turin|torino|bologna|"
     "genoa|genova|palermo|bari|catania|verona|padua|padova|trieste|pisa"),
    ("Europe/Copenhagen", "DK", "copenhagen|københavn|aarhus|odense|aalborg"),
    ("Europe/Stockholm", "SE", "stockholm|gothenburg|göteborg|malmö|malmo|uppsala|luleå|lulea"),
    ("Europe/Oslo", "NO", "oslo|bergen|trondheim|stavanger"),
    ("Europe/Helsinki", "FI", "helsinki|espoo|tampere|turku|oulu"),
    ("Atlantic/Reykjavik", "IS", "reykjavik|reykjavík|keflavik"),
    ("Europe/Warsaw", "PL", "warsaw|warszawa|kraków|krakow|wrocław|wroclaw|gdańsk|gdansk|"
     "poznań|poznan|łódź|lodz|katowice"),
    ("Europe/Prague", "CZ", "prague|praha|brno|ostrava"),
    ("Europe/Bratislava", "SK", "bratislava|košice|kosice"),
    ("Europe/Budapest", "HU", "budapest|debrecen"),
    ("Europe/Bucharest", "RO", "bucharest|bucurești|cluj-napoca|cluj|timișoara|timisoara|iași"),
    ("Europe/Sofia", "BG", "sofia|plovdiv|varna"),
    ("Europe/Athens", "GR", "athens|athína|thessaloniki"),
    ("Europe/Belgrade", "RS", "belgrade|beograd|novi sad"),
    ("Europe/Zagreb", "HR", "zagreb"),
    ("Europe/Ljubljana", "SI", "ljubljana"),
    ("Europe/Sarajevo", "BA", "sarajevo"),
    ("Europe/Skopje", "MK", "skopje"),
    ("Europe/Tirane", "AL", "tirana"),
    ("Europe/Tallinn", "EE", "tallinn|tartu"),
    ("Europe/Riga", "LV", "riga"),
    ("Europe/Vilnius", "LT", "vilnius|kaunas"),
    ("Europe/Kyiv", "UA", "kyiv|kiev|kharkiv|lviv|odesa|odessa|dnipro"),
    ("Europe/Minsk", "BY", "minsk"),
    ("Europe/Chisinau", "MD", "chișinău|chisinau"),
    ("Europe/Moscow", "RU", "moscow|moskva|saint petersburg|st. petersburg|st petersburg|"
     "kazan|nizhny novgorod"),
    ("Asia/Yekaterinburg", "RU", "yekaterinburg"),
    ("Asia/Novosibirsk", "RU", "novosibirsk"),
    ("Asia/Vladivostok", "RU", "vladivostok"),
    ("Europe/Istanbul", "TR", "istanbul|ankara|izmir|bursa|antalya"),
    ("Asia/Nicosia", "CY", "nicosia|limassol"),
    ("Europe/Malta", "MT", "valletta"),
    ("Europe/Monaco", "MC", "monaco|monte carlo"),
    # Middle East and Africa
    ("Asia/Jerusalem", "IL", "tel aviv|jerusalem|haifa|herzliya"),
    ("Asia/Amman", "JO", "amman"),
    ("Asia/Beirut", "LB", "beirut"),
    ("Asia/Baghdad", "IQ", "baghdad|erbil"),
    ("Asia/Tehran", "IR", "tehran"),
    ("Asia/Riyadh", "SA", "riyadh|jeddah|dammam|mecca|medina|neom"),
    ("Asia/Kuwait", "KW", "kuwait city"),
    ("Asia/Bahrain", "BH", "manama"),
    ("Asia/Qatar", "QA", "doha"),
    ("Asia/Dubai", "AE", "dubai|abu dhabi|sharjah"),
    ("Asia/Muscat", "OM", "muscat"),
    ("Africa/Cairo", "EG", "cairo|giza"),
    ("Africa/Casablanca", "MA", "casablanca|rabat|marrakesh|marrakech|tangier"),
    ("Africa/Algiers", "DZ", "algiers"),
    ("Africa/Tunis", "TN", "tunis"),
    ("Africa/Lagos", "NG", "lagos|abuja|ibadan|port harcourt"),
    ("Africa/Accra", "GH", "accra|kumasi"),
    ("Africa/Abidjan", "CI", "abidjan"),
    ("Africa/Dakar", "SN", "dakar"),
    ("Africa/Nairobi", "KE", "nairobi|mombasa"),
    ("Africa/Addis_Ababa", "ET", "addis ababa"),
    ("Africa/Kampala", "UG", "kampala"),
    ("Africa/Dar_es_Salaam", "TZ", "dar es salaam|dodoma|zanzibar"),
    ("Africa/Kigali", "RW", "kigali"),
    ("Africa/Kinshasa", "CD", "kinshasa"),
    ("Africa/Luanda", "AO", "luanda"),
    ("Africa/Lusaka", "ZM", "lusaka"),
    ("Africa/Harare", "ZW", "harare"),
    ("Africa/Maputo", "MZ", "maputo"),
    ("Africa/Johannesburg", "ZA", "johannesburg|joburg|cape town|durban|pretoria|"
     "port elizabeth|gqeberha"),
    ("Indian/Mauritius", "MU", "port louis"),
    # Asia
    ("Asia/Karachi", "PK", "karachi|lahore|islamabad|rawalpindi|faisalabad"),
    ("Asia/Kolkata", "IN", "mumbai|bombay|delhi|new delhi|bangalore|bengaluru|hyderabad|"
     "chennai|madras|kolkata|calcutta|pune|ahmedabad|jaipur|noida|gurgaon|gurugram|kochi|"
     "lucknow|chandigarh|indore|coimbatore|visakhapatnam|nagpur|thiruvananthapuram"),
    ("Asia/Colombo", "LK", "colombo"),
    ("Asia/Kathmandu", "NP", "kathmandu"),
    ("Asia/Dhaka", "BD", "dhaka|chittagong"),
    ("Asia/Tashkent", "UZ", "tashkent"),
    ("Asia/Almaty", "KZ", "almaty|astana"),
    ("Asia/Tbilisi", "GE", "tbilisi"),
    ("Asia/Yerevan", "AM", "yerevan"),
    ("Asia/Baku", "AZ", "baku"),
    ("Asia/Bangkok", "TH", "bangkok|chiang mai|phuket"),
    ("Asia/Ho_Chi_Minh", "VN", "ho chi minh city|saigon|hanoi|da nang"),
    ("Asia/Phnom_Penh", "KH", "phnom penh"),
    ("Asia/Yangon", "MM", "yangon|rangoon"),
    ("Asia/Kuala_Lumpur", "MY", "kuala lumpur|johor bahru|penang|george town|cyberjaya"),
    ("Asia/Singapore", "SG", "singapore"),
    ("Asia/Jakarta", "ID", "jakarta|surabaya|bandung|batam|medan"),
    ("Asia/Makassar", "ID", "bali|denpasar|makassar"),
    ("Asia/Manila", "PH", "manila|quezon city|cebu|makati|davao"),
    ("Asia/Shanghai", "CN", "beijing|shanghai|shenzhen|guangzhou|hangzhou|chengdu|wuhan|"
     "nanjing|tianjin|chongqing|xi'an|xian|suzhou|qingdao|dalian|xiamen|zhengzhou|changsha|"
     "shenyang|harbin|kunming|hefei|guiyang|ulanqab|zhangjiakou"),
    ("Asia/Hong_Kong", "HK", "hong kong"),
    ("Asia/Macau", "MO", "macau|macao"),
    ("Asia/Taipei", "TW", "taipei|kaohsiung|taichung|hsinchu|tainan"),
    ("Asia/Seoul", "KR", "seoul|busan|incheon|daegu|daejeon|gwangju|pangyo|seongnam"),
    ("Asia/Tokyo", "JP", "tokyo|osaka|kyoto|yokohama|nagoya|sapporo|fukuoka|kobe|sendai|"
     "hiroshima|kawasaki|chiba|saitama"),
    ("Asia/Ulaanbaatar", "MN", "ulaanbaatar"),
    # Oceania
    ("Australia/Sydney", "AU", "sydney|canberra|newcastle nsw"),
    ("Australia/Melbourne", "AU", "melbourne|geelong"),
    ("Australia/Brisbane", "AU", "brisbane|gold coast"),
    ("Australia/Perth", "AU", "perth"),
    ("Australia/Adelaide", "AU", "adelaide"),
    ("Australia/Hobart", "AU", "hobart"),
    ("Pacific/Auckland", "NZ", "auckland|wellington|christchurch"),
    ("Pacific/Fiji", "FJ", "suva"),
)

#: city (lower case) -> (IANA zone, ISO 3166-1 alpha-2 country)
WORLD_CITIES: dict[str, tuple[str, str]] = {
    city: (zone, country) for zone, country, cities in _TABLE for city in cities.split("|")}
#: Short or lower-case forms that read as a city only in a zone phrase ("9am LA time").
ZONE_ONLY = frozenset({"la", "sf", "nyc", "rio", "vegas", "the bay area", "bay area",
                       "silicon valley", "northern virginia", "hawaii"})
