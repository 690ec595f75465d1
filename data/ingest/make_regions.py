"""Writes data/regions.csv: every catalog region -> country, area, grid zone, price market.

Self-authored mapping (by data-centre location). Run once when catalogs gain regions
(it reads the Lium and Vast region names from ../shared/data/catalog):
    python data/ingest/make_regions.py
`zone_proxy` / `market_proxy` = true marks a neighbouring grid used because the region's
own grid has no series in the data (quotes say so and lower their confidence).
"""

import csv
from pathlib import Path

# region: (country, subarea, carbon_zone, zone_proxy, price_market, market_proxy)
CLOUD = {
    "aws": {
        "af-south-1": ("ZA", "", "ZA", 0, "", 0),
        "ap-east-1": ("HK", "", "", 0, "", 0),
        "ap-northeast-1": ("JP", "", "JP-TK", 0, "JP-TK", 0),
        "ap-northeast-2": ("KR", "", "KR", 0, "KR", 0),
        "ap-northeast-3": ("JP", "", "JP-TK", 1, "JP-TK", 1),
        "ap-south-1": ("IN", "", "IN-WE", 0, "", 0),
        "ap-southeast-1": ("SG", "", "SG", 0, "SG", 0),
        "ap-southeast-2": ("AU", "", "AU-NSW", 0, "AU-NSW", 0),
        "ap-southeast-3": ("ID", "", "", 0, "", 0),
        "ca-central-1": ("CA", "", "", 0, "", 0),
        "eu-central-1": ("DE", "", "DE-LU", 0, "DE-LU", 0),
        "eu-north-1": ("SE", "", "NO", 1, "", 0),
        "eu-south-1": ("IT", "", "", 0, "", 0),
        "eu-south-2": ("ES", "", "ES", 0, "ES", 0),
        "eu-west-1": ("IE", "", "GB", 1, "", 0),
        "eu-west-2": ("GB", "", "GB", 0, "", 0),
        "eu-west-3": ("FR", "", "FR", 0, "FR", 0),
        "me-central-1": ("AE", "", "", 0, "", 0),
        "us-east-1": ("US", "US-East", "US-MIDA-PJM", 0, "US-MIDA-PJM", 0),
        "us-east-2": ("US", "US-East", "US-MIDA-PJM", 0, "US-MIDA-PJM", 0),
        "us-west-1": ("US", "US-West", "US-CAL-CISO", 0, "US-CAL-CISO", 0),
        "us-west-2": ("US", "US-West", "", 0, "", 0),
    },
    "gcp": {
        "asia-east1": ("TW", "", "", 0, "", 0),
        "asia-east2": ("HK", "", "", 0, "", 0),
        "asia-northeast1": ("JP", "", "JP-TK", 0, "JP-TK", 0),
        "asia-northeast2": ("JP", "", "JP-TK", 1, "JP-TK", 1),
        "asia-northeast3": ("KR", "", "KR", 0, "KR", 0),
        "asia-south1": ("IN", "", "IN-WE", 0, "", 0),
        "asia-south2": ("IN", "", "IN-WE", 1, "", 0),
        "asia-southeast1": ("SG", "", "SG", 0, "SG", 0),
        "asia-southeast2": ("ID", "", "", 0, "", 0),
        "australia-southeast1": ("AU", "", "AU-NSW", 0, "AU-NSW", 0),
        "australia-southeast2": ("AU", "", "AU-VIC", 0, "AU-VIC", 0),
        "europe-central2": ("PL", "", "", 0, "", 0),
        "europe-north1": ("FI", "", "NO", 1, "", 0),
        "europe-west1": ("BE", "", "", 0, "NL", 1),
        "europe-west2": ("GB", "", "GB", 0, "", 0),
        "europe-west3": ("DE", "", "DE-LU", 0, "DE-LU", 0),
        "europe-west4": ("NL", "", "", 0, "NL", 0),
        "europe-west6": ("CH", "", "", 0, "", 0),
        "europe-west9": ("FR", "", "FR", 0, "FR", 0),
        "me-central2": ("SA", "", "", 0, "", 0),
        "me-west1": ("IL", "", "", 0, "", 0),
        "northamerica-northeast1": ("CA", "", "", 0, "", 0),
        "northamerica-northeast2": ("CA", "", "CA-ON", 0, "CA-ON", 0),
        "southamerica-east1": ("BR", "", "BR-SP", 0, "BR", 0),
        "southamerica-west1": ("CL", "", "CL-SIC", 0, "", 0),
        "us-central1": ("US", "US-Central", "", 0, "", 0),
        "us-central2": ("US", "US-Central", "", 0, "", 0),
        "us-east1": ("US", "US-East", "", 0, "", 0),
        "us-east4": ("US", "US-East", "US-MIDA-PJM", 0, "US-MIDA-PJM", 0),
        "us-east5": ("US", "US-East", "US-MIDA-PJM", 0, "US-MIDA-PJM", 0),
        "us-south1": ("US", "US-South", "US-TEX-ERCO", 0, "US-TEX-ERCO", 0),
        "us-west1": ("US", "US-West", "", 0, "", 0),
        "us-west2": ("US", "US-West", "US-CAL-CISO", 0, "US-CAL-CISO", 0),
        "us-west3": ("US", "US-West", "", 0, "", 0),
        "us-west4": ("US", "US-West", "", 0, "", 0),
    },
    "azure": {
        "australiacentral": ("AU", "", "AU-NSW", 1, "AU-NSW", 1),
        "australiacentral2": ("AU", "", "AU-NSW", 1, "AU-NSW", 1),
        "australiaeast": ("AU", "", "AU-NSW", 0, "AU-NSW", 0),
        "australiasoutheast": ("AU", "", "AU-VIC", 0, "AU-VIC", 0),
        "brazilsouth": ("BR", "", "BR-SP", 0, "BR", 0),
        "canadacentral": ("CA", "", "CA-ON", 0, "CA-ON", 0),
        "canadaeast": ("CA", "", "", 0, "", 0),
        "centralindia": ("IN", "", "IN-WE", 1, "", 0),
        "centralus": ("US", "US-Central", "", 0, "", 0),
        "chilecentral": ("CL", "", "CL-SIC", 0, "", 0),
        "eastasia": ("HK", "", "", 0, "", 0),
        "eastus": ("US", "US-East", "US-MIDA-PJM", 0, "US-MIDA-PJM", 0),
        "eastus2": ("US", "US-East", "US-MIDA-PJM", 0, "US-MIDA-PJM", 0),
        "francecentral": ("FR", "", "FR", 0, "FR", 0),
        "germanynorth": ("DE", "", "DE-LU", 0, "DE-LU", 0),
        "germanywestcentral": ("DE", "", "DE-LU", 0, "DE-LU", 0),
        "indonesiacentral": ("ID", "", "", 0, "", 0),
        "israelcentral": ("IL", "", "", 0, "", 0),
        "italynorth": ("IT", "", "", 0, "", 0),
        "japaneast": ("JP", "", "JP-TK", 0, "JP-TK", 0),
        "japanwest": ("JP", "", "JP-TK", 1, "JP-TK", 1),
        "jioindiacentral": ("IN", "", "IN-WE", 1, "", 0),
        "jioindiawest": ("IN", "", "IN-WE", 0, "", 0),
        "koreacentral": ("KR", "", "KR", 0, "KR", 0),
        "koreasouth": ("KR", "", "KR", 0, "KR", 0),
        "malaysiawest": ("MY", "", "", 0, "", 0),
        "mexicocentral": ("MX", "", "", 0, "", 0),
        "northcentralus": ("US", "US-Central", "", 0, "", 0),
        "northeurope": ("IE", "", "GB", 1, "", 0),
        "norwayeast": ("NO", "", "NO", 0, "", 0),
        "norwaywest": ("NO", "", "NO", 0, "", 0),
        "polandcentral": ("PL", "", "", 0, "", 0),
        "qatarcentral": ("QA", "", "", 0, "", 0),
        "southafricanorth": ("ZA", "", "ZA", 0, "", 0),
        "southafricawest": ("ZA", "", "ZA", 0, "", 0),
        "southcentralus": ("US", "US-South", "US-TEX-ERCO", 0, "US-TEX-ERCO", 0),
        "southeastasia": ("SG", "", "SG", 0, "SG", 0),
        "southindia": ("IN", "", "IN-WE", 1, "", 0),
        "spaincentral": ("ES", "", "ES", 0, "ES", 0),
        "swedencentral": ("SE", "", "NO", 1, "", 0),
        "switzerlandnorth": ("CH", "", "", 0, "", 0),
        "switzerlandwest": ("CH", "", "", 0, "", 0),
        "uaecentral": ("AE", "", "", 0, "", 0),
        "uaenorth": ("AE", "", "", 0, "", 0),
        "uksouth": ("GB", "", "GB", 0, "", 0),
        "ukwest": ("GB", "", "GB", 0, "", 0),
        "westcentralus": ("US", "US-Central", "", 0, "", 0),
        "westeurope": ("NL", "", "", 0, "NL", 0),
        "westus": ("US", "US-West", "US-CAL-CISO", 0, "US-CAL-CISO", 0),
        "westus2": ("US", "US-West", "", 0, "", 0),
        "westus3": ("US", "US-West", "", 0, "", 0),
    },
    "lambda": {
        "asia-northeast-1": ("JP", "", "JP-TK", 0, "JP-TK", 0),
        "asia-northeast-2": ("KR", "", "KR", 0, "KR", 0),
        "asia-south-1": ("IN", "", "IN-WE", 1, "", 0),
        "australia-east-1": ("AU", "", "AU-NSW", 0, "AU-NSW", 0),
        "europe-central-1": ("DE", "", "DE-LU", 0, "DE-LU", 0),
        "europe-south-1": ("IT", "", "", 0, "", 0),
        "me-west-1": ("IL", "", "", 0, "", 0),
        "us-east-1": ("US", "US-East", "US-MIDA-PJM", 0, "US-MIDA-PJM", 0),
        "us-east-2": ("US", "US-East", "US-MIDA-PJM", 1, "US-MIDA-PJM", 1),
        "us-east-3": ("US", "US-East", "US-MIDA-PJM", 1, "US-MIDA-PJM", 1),
        "us-midwest-1": ("US", "US-Central", "", 0, "", 0),
        "us-south-1": ("US", "US-South", "US-TEX-ERCO", 0, "US-TEX-ERCO", 0),
        "us-south-2": ("US", "US-South", "US-TEX-ERCO", 1, "US-TEX-ERCO", 1),
        "us-south-3": ("US", "US-South", "US-TEX-ERCO", 1, "US-TEX-ERCO", 1),
        "us-west-1": ("US", "US-West", "US-CAL-CISO", 0, "US-CAL-CISO", 0),
        "us-west-2": ("US", "US-West", "", 0, "", 0),
        "us-west-3": ("US", "US-West", "", 0, "", 0),
    },
    "nebius": {
        "eu-north1": ("FI", "", "NO", 1, "", 0),
        "eu-west1": ("FR", "", "FR", 0, "FR", 0),
        "us-central1": ("US", "US-Central", "", 0, "", 0),
    },
    "hyperbolic": {"default": ("", "", "", 0, "", 0)},
}
# Country-level defaults for marketplace / decentralised offers (Lium, Vast).
COUNTRY = {
    "AU": ("AU-NSW", 1, "AU-NSW", 1), "CA": ("CA-ON", 1, "CA-ON", 1),
    "DE": ("DE-LU", 0, "DE-LU", 0),
    "ES": ("ES", 0, "ES", 0), "FR": ("FR", 0, "FR", 0), "GB": ("GB", 0, "", 0),
    "JP": ("JP-TK", 1, "JP-TK", 1), "NO": ("NO", 0, "", 0), "SE": ("NO", 1, "", 0),
    "FI": ("NO", 1, "", 0), "IS": ("NO", 1, "", 0),
}
US_STATE = {
    "Texas": ("US-TEX-ERCO", 0, "US-TEX-ERCO", 0, "US-South"),
    "New York": ("US-NY-NYIS", 0, "US-NY-NYIS", 0, "US-East"),
    "Oregon": ("", 0, "", 0, "US-West"), "Washington": ("", 0, "", 0, "US-West"),
    "Georgia": ("", 0, "", 0, "US-East"), "Michigan": ("", 0, "", 0, "US-Central"),
    "Kansas": ("", 0, "", 0, "US-Central"), "Oklahoma": ("", 0, "", 0, "US-Central"),
    "Quebec": ("", 0, "", 0, ""), "British Columbia": ("", 0, "", 0, ""),
}
AREA = {
    "US": "US", "CA": "NA", "MX": "NA", "BR": "LATAM", "CL": "LATAM",
    "JP": "APAC", "KR": "APAC", "SG": "APAC", "AU": "APAC", "IN": "APAC", "HK": "APAC",
    "TW": "APAC", "ID": "APAC", "MY": "APAC", "TH": "APAC", "VN": "APAC", "CN": "APAC",
    "ZA": "AF", "AE": "ME", "IL": "ME", "QA": "ME", "SA": "ME",
    "DE": "EU", "FR": "EU", "ES": "EU", "IT": "EU", "IE": "EU", "NL": "EU", "BE": "EU",
    "PL": "EU", "FI": "EU", "SE": "EU", "PT": "EU", "RO": "EU", "GR": "EU", "BG": "EU",
    "HU": "EU", "HR": "EU", "SI": "EU",
    "GB": "Europe", "NO": "EEA", "CH": "Europe", "IS": "EEA", "UA": "Europe",
    "RU": "Europe",
}


def country_row(provider: str, region: str, cc: str, subarea: str = "") -> list:
    zone, zp, market, mp = COUNTRY.get(cc, ("", 0, "", 0))
    return [provider, region, cc, AREA.get(cc, ""), subarea, zone, zp, market, mp]


def main() -> None:
    rows = []
    for provider, regions in CLOUD.items():
        for region, (cc, sub, zone, zp, market, mp) in regions.items():
            rows.append([provider, region, cc, AREA.get(cc, ""), sub, zone, zp, market, mp])
    shared = Path(__file__).resolve().parents[3] / "shared" / "data" / "catalog"
    for region in sorted({r["region"] for r in csv.DictReader(open(shared / "lium.csv"))}):
        rows.append(country_row("lium", region, region))
    for region in sorted({r["region"] for r in csv.DictReader(open(shared / "vast.csv"))}):
        place, cc, _continent = (p.strip() for p in region.split(","))
        if cc == "US" and place in US_STATE:
            zone, zp, market, mp, sub = US_STATE[place]
            rows.append(["vast", region, cc, "US", sub, zone, zp, market, mp])
        else:
            rows.append(country_row("vast", region, cc))
    out = Path(__file__).resolve().parents[1] / "regions.csv"
    with open(out, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["provider", "region", "country", "area", "subarea", "carbon_zone",
                    "zone_proxy", "price_market", "market_proxy"])
        for row in rows:
            w.writerow([*row[:6], "true" if row[6] else "false", row[7],
                        "true" if row[8] else "false"])
    print(f"wrote {len(rows)} rows to {out}")


if __name__ == "__main__":
    main()
