"""Demo headers and signers (documents/models.DocumentProfile) for the demo documents: the report drafts of
Thanh Hóa and Quảng Trị, Thanh Hóa's award decisions, the recognition decisions of Thành phố Thanh Hóa and Vạn Ninh.

ILLUSTRATION: the bodies are the usual ones for such documents, the signers' names are left empty (no real
person is named); a province replaces them in the admin. Idempotent (found by area and kind)."""

from documents.models import DocumentKind, DocumentProfile
from movement.models import AdministrativeUnit as AU

PROFILES = [
    (
        ("2025", "province", "38"),
        DocumentKind.REPORT,
        {
            "parent_body": "UBND TỈNH THANH HÓA",
            "issuing_body": "BAN CHỈ ĐẠO 138",
            "symbol": "BC-BCĐ138",
            "place": "Thanh Hóa",
            "signer_title": "KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN THƯỜNG TRỰC",
            "recipients": "Bộ Công an (V05);\nThường trực Tỉnh ủy, HĐND tỉnh;\nChủ tịch, các PCT UBND tỉnh;\nLưu: VT.",
        },
    ),
    (
        ("2025", "province", "38"),
        DocumentKind.AWARD,
        {
            "issuing_body": "ỦY BAN NHÂN DÂN TỈNH THANH HÓA",
            "symbol": "QĐ-UBND",
            "place": "Thanh Hóa",
            "signer_title": "CHỦ TỊCH",
            "recipients": "Như Điều 3;\nCông an tỉnh;\nSở Nội vụ (Ban Thi đua - Khen thưởng);\nLưu: VT.",
        },
    ),
    (
        ("2025", "province", "44"),
        DocumentKind.REPORT,
        {
            "parent_body": "UBND TỈNH QUẢNG TRỊ",
            "issuing_body": "BAN CHỈ ĐẠO 138",
            "symbol": "BC-BCĐ138",
            "place": "Quảng Trị",
            "signer_title": "TRƯỞNG BAN",
            "recipients": "Bộ Công an (V05);\nThường trực Tỉnh ủy;\nLưu: VT.",
        },
    ),
    (
        ("legacy", "district", "380"),  # Thành phố Thanh Hóa
        DocumentKind.RECOGNITION,
        {
            "parent_body": "UBND TỈNH THANH HÓA",
            "issuing_body": "ỦY BAN NHÂN DÂN THÀNH PHỐ THANH HÓA",
            "symbol": "QĐ-UBND",
            "place": "Thanh Hóa",
            "signer_title": "CHỦ TỊCH",
            "recipients": "Như Điều 3;\nCông an thành phố Thanh Hóa;\nLưu: VT.",
        },
    ),
    (
        ("legacy", "commune", "19243"),  # Xã Vạn Ninh, huyện Quảng Ninh, tỉnh Quảng Bình
        DocumentKind.RECOGNITION,
        {
            "parent_body": "UBND HUYỆN QUẢNG NINH",
            "issuing_body": "ỦY BAN NHÂN DÂN XÃ VẠN NINH",
            "symbol": "QĐ-UBND",
            "place": "Vạn Ninh",
            "signer_title": "CHỦ TỊCH",
            "recipients": "Như Điều 3;\nCông an huyện Quảng Ninh;\nLưu: VT.",
        },
    ),
]


def load(*, stdout=None, verbosity=1) -> dict:
    created = 0
    for (generation, level, code), kind, fields in PROFILES:
        area = AU.objects.filter(generation=generation, level=level, code=code).first()
        if area is None:
            continue
        _profile, was_created = DocumentProfile.objects.get_or_create(area=area, kind=kind, defaults=fields)
        created += was_created
    if stdout is not None and verbosity:
        stdout.write(f"documents: {created} demo document headers created")
    return {"profiles": created}
