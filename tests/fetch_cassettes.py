"""Builds the vcrpy cassettes of tests/test_fetch.py from the APIs' documented formats.

No live call was recorded (the sessions that wrote gridwise have no network): each response
body is constructed in the shape the provider documents, and the request lines are exactly
what the connectors send for the fixed clock the tests use. Rebuild with
`.venv/bin/python -m tests.fetch_cassettes`; to record real answers instead, run the tests
once with `--record-mode=once` and the two tokens set (the token is filtered out).

Shapes:
- Electricity Maps v3 `carbon-intensity/past-range`: {"zone", "temporalGranularity",
  "data": [{"zone", "carbonIntensity", "datetime", "updatedAt", "createdAt",
  "emissionFactorType", "isEstimated", "estimationMethod"}]}; `carbon-intensity/forecast`:
  {"zone", "forecast": [{"carbonIntensity", "datetime"}], "updatedAt"}.
- ENTSO-E A44 (day-ahead prices): a `Publication_MarketDocument` with one TimeSeries per
  day (PT60M Period, Point position / price.amount); past the last document an
  `Acknowledgement_MarketDocument` whose Reason says "No matching data found" (HTTP 200).
- SkyPilot catalog v8 `vms.csv`: InstanceType, AcceleratorName, AcceleratorCount, vCPUs,
  MemoryGiB, Price, Region, GpuInfo, SpotPrice (GCP adds AvailabilityZone).
"""

from __future__ import annotations

import json
import math
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

OUT = Path(__file__).parent / "cassettes" / "test_fetch"
NOW = datetime(2024, 1, 5)          # the clock the tests fetch at
START = NOW - timedelta(days=2)     # --days 2
EM = "https://api.electricitymaps.com/v3/carbon-intensity"
EM_ZONES = {"DE-LU": ("DE", 380.0), "GB": ("GB", 160.0)}
ENTSOE = "https://web-api.tp.entsoe.eu/api"
SKY = "https://raw.githubusercontent.com/skypilot-org/skypilot-catalog/master/catalogs/v8"


def _interaction(url: str, body: str, ctype: str, status: int = 200) -> dict:
    return {"request": {"method": "GET", "uri": url, "body": None, "headers": {}},
            "response": {"status": {"code": status, "message": "OK"},
                         "headers": {"Content-Type": [ctype]}, "body": {"string": body}}}


def _iso(t: datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _ci(base: float, h: int, factor: str) -> float:
    v = base + 60 * math.sin(2 * math.pi * (h % 24) / 24) + 3 * (h % 5)
    return round(v if factor == "lifecycle" else v * 0.85, 1)


def electricitymaps() -> list[dict]:
    out = []
    for zid, base in EM_ZONES.values():
        for factor in ("lifecycle", "direct"):
            q = {"zone": zid, "start": START.strftime("%Y-%m-%dT%H:%M:%SZ"),
                 "end": NOW.strftime("%Y-%m-%dT%H:%M:%SZ"), "emissionFactorType": factor,
                 "temporalGranularity": "hourly"}
            data = [{"zone": zid, "carbonIntensity": _ci(base, h, factor),
                     "datetime": _iso(START + timedelta(hours=h)),
                     "updatedAt": "2024-01-05T00:41:12.000Z",
                     "createdAt": "2024-01-02T01:12:40.000Z", "emissionFactorType": factor,
                     "isEstimated": h == 47, "estimationMethod":
                     "TIME_SLICER_AVERAGE" if h == 47 else None} for h in range(48)]
            body = {"zone": zid, "temporalGranularity": "hourly", "data": data}
            out.append(_interaction(f"{EM}/past-range?{urlencode(q)}", json.dumps(body),
                                    "application/json"))
        fc = [{"carbonIntensity": round(_ci(base, 48 + h, "lifecycle") + 5, 0),
               "datetime": _iso(NOW + timedelta(hours=h))} for h in range(72)]
        out.append(_interaction(f"{EM}/forecast?zone={zid}", json.dumps(
            {"zone": zid, "forecast": fc, "updatedAt": "2024-01-04T23:49:03.000Z"}),
            "application/json"))
    return out


def _publication(start: datetime, days: int) -> str:
    series = []
    for d in range(days):
        t0 = start + timedelta(days=d)
        points = "".join(f"<Point><position>{h + 1}</position><price.amount>"
                         f"{round(70 + 25 * math.sin(2 * math.pi * (h - 6) / 24) + d, 2)}"
                         "</price.amount></Point>" for h in range(24))
        series.append(
            f"<TimeSeries><mRID>{d + 1}</mRID><auction.type>A01</auction.type>"
            "<businessType>A62</businessType>"
            '<in_Domain.mRID codingScheme="A01">10Y1001A1001A82H</in_Domain.mRID>'
            '<out_Domain.mRID codingScheme="A01">10Y1001A1001A82H</out_Domain.mRID>'
            "<contract_MarketAgreement.type>A01</contract_MarketAgreement.type>"
            "<currency_Unit.name>EUR</currency_Unit.name>"
            "<price_Measure_Unit.name>MWH</price_Measure_Unit.name><curveType>A01</curveType>"
            f"<Period><timeInterval><start>{t0:%Y-%m-%dT%H:%MZ}</start>"
            f"<end>{t0 + timedelta(days=1):%Y-%m-%dT%H:%MZ}</end></timeInterval>"
            f"<resolution>PT60M</resolution>{points}</Period></TimeSeries>")
    return ('<?xml version="1.0" encoding="utf-8"?>\n<Publication_MarketDocument xmlns='
            '"urn:iec62325.351:tc57wg16:451-3:publicationdocument:7:3">'
            "<mRID>7b1c0e8d2a6f4a5b9c3d</mRID><revisionNumber>1</revisionNumber><type>A44</type>"
            '<sender_MarketParticipant.mRID codingScheme="A01">10X1001A1001A450'
            "</sender_MarketParticipant.mRID><sender_MarketParticipant.marketRole.type>A32"
            "</sender_MarketParticipant.marketRole.type>"
            '<receiver_MarketParticipant.mRID codingScheme="A01">10X1001A1001A450'
            "</receiver_MarketParticipant.mRID><receiver_MarketParticipant.marketRole.type>A33"
            "</receiver_MarketParticipant.marketRole.type>"
            "<createdDateTime>2024-01-05T00:12:31Z</createdDateTime>"
            f"<period.timeInterval><start>{start:%Y-%m-%dT%H:%MZ}</start>"
            f"<end>{start + timedelta(days=days):%Y-%m-%dT%H:%MZ}</end></period.timeInterval>"
            + "".join(series) + "</Publication_MarketDocument>")


NO_DATA = ('<?xml version="1.0" encoding="UTF-8"?>\n<Acknowledgement_MarketDocument xmlns='
           '"urn:iec62325.351:tc57wg16:451-1:acknowledgementdocument:7:0">'
           "<mRID>2f6e1a</mRID><createdDateTime>2024-01-05T00:12:32Z</createdDateTime>"
           "<Reason><code>999</code><text>No matching data found for Data item Energy Prices "
           "[12.1.D] (10Y1001A1001A82H, 10Y1001A1001A82H) and interval "
           "2024-01-02T00:00:00.000Z/2024-01-06T00:00:00.000Z.</text></Reason>"
           "</Acknowledgement_MarketDocument>")


def entsoe() -> list[dict]:
    # entsoe-py asks one day more on each side, then pages with offset (0, 100, ...)
    base = {"documentType": "A44", "in_Domain": "10Y1001A1001A82H",
            "out_Domain": "10Y1001A1001A82H", "contract_MarketAgreement.type": "A01",
            "classificationSequence_AttributeInstanceComponent.position": "1",
            "periodStart": "202401020000", "periodEnd": "202401060000"}
    first = START - timedelta(days=1)
    return [_interaction(f"{ENTSOE}?{urlencode({**base, 'offset': 0})}",
                         _publication(first, 4), "text/xml"),
            _interaction(f"{ENTSOE}?{urlencode({**base, 'offset': 100})}", NO_DATA, "text/xml")]


GPU = "\"{{'Gpus': [{{'Name': '{n}', 'Manufacturer': 'NVIDIA', 'Count': {c}, 'MemoryInfo': {{'SizeInMiB': {m}}}}}], 'TotalGpuMemoryInMiB': {t}}}\""  # noqa: E501
HEAD = ("InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,Price,Region,GpuInfo,"
        "SpotPrice")


def _gpu(n: str, c: int, m: int, total: int | None = None) -> str:
    return GPU.format(n=n, c=c, m=m, t=total if total is not None else m * c)


def skypilot() -> list[dict]:
    files = {
        "lambda": [HEAD, "cpu_4x_general,,0,4,16,0.12,us-east-1,,",
                   f"gpu_1x_h100_pcie,H100,1,26,200,2.49,us-east-1,{_gpu('H100', 1, 81920)},",
                   f"gpu_8x_a100_80gb_sxm4,A100-80GB,8,240,1800,14.32,us-west-1,"
                   f"{_gpu('A100', 8, 81920)},"],
        "nebius": [HEAD, "cpu-d3_4vcpu-16gb,,0,4,16,0.0992,eu-north1,,",
                   f"gpu-h100-sxm_1gpu-16vcpu-200gb,H100,1,16,200,2.95,eu-north1,"
                   f"{_gpu('H100', 1, 81920)},1.25"],
        "hyperbolic": ["InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,"
                       "StorageGiB,Price,Region,GpuInfo,SpotPrice",
                       f"1x-H100-75-722,H100,1,75,722,800,1.29,default,"
                       f"{_gpu('NVIDIA-H100-80GB-HBM3', 1, 81559)},"],
        "lium": [HEAD, f"A100_1x_de,A100-80GB,1,16,128,1.10,DE,{_gpu('A100', 1, 81920)},"],
        # Vast gives the total memory of all GPUs in SizeInMiB
        "vast": [HEAD, f"2x-RTX4090-ab12,RTX4090,2,32,128,0.70,\"Texas, US, NA\","
                 f"{_gpu('RTX4090', 2, 49128, 49128)},0.00"],
        "gcp": ["InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,GpuInfo,Price,"
                "SpotPrice,Region,AvailabilityZone",
                "n1-standard-8,,,8,30,,0.38,0.08,us-central1,us-central1-a",
                ",tpu-v5p-8,1,,,,16.80,700.0,us-east5,us-east5-a",
                ",tpu-v6e-8,1,,,,21.60,9.72,us-east5,us-east5-b"],
    }
    return [_interaction(f"{SKY}/{cloud}/vms.csv", "\r\n".join(lines) + "\r\n",
                         "text/plain; charset=utf-8") for cloud, lines in files.items()]


def main() -> None:
    """Write the three cassettes."""
    OUT.mkdir(parents=True, exist_ok=True)
    for name, inter in (("test_electricitymaps_history_and_forecast", electricitymaps()),
                        ("test_entsoe_day_ahead_prices", entsoe()),
                        ("test_skypilot_catalogs", skypilot())):
        (OUT / f"{name}.json").write_text(json.dumps({"version": 1, "interactions": inter},
                                                     indent=1) + "\n")


if __name__ == "__main__":
    main()
