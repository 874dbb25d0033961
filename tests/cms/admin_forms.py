"""Builders for the POST bodies of Wagtail admin forms (inline formsets, Draftail rich text)."""

import json


def rich_text(*paragraphs):
    """Draftail's contentstate JSON, as the admin's rich text editor submits it."""
    blocks = [
        {"key": f"b{index}", "type": "unstyled", "text": text, "depth": 0, "inlineStyleRanges": [], "entityRanges": []}
        for index, text in enumerate(paragraphs)
    ]
    return json.dumps({"blocks": blocks, "entityMap": {}})


def inline_formset(prefix, rows=()):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
        data.setdefault(f"{prefix}-{index}-ORDER", str(index + 1))
        data.setdefault(f"{prefix}-{index}-DELETE", "")
    return data


def legal_document_form(owner, document_type, **overrides):
    data = {
        "number": "12/2025/QĐ-UBND", "document_type": document_type.pk, "issuing_body": owner.name,
        "signer": "Trần Văn B", "issue_date": "2025-03-01", "effective_date": "2025-03-15", "expiry_date": "",
        "effect_status": "con-hieu-luc", "abstract": "Ban hành quy định quản lý hộ tịch trên địa bàn tỉnh",
        "body": rich_text("Điều 1. Phạm vi điều chỉnh"), "owner_agency": owner.pk,
    }
    data.update(inline_formset("attachments"))
    data.update(inline_formset("relations"))
    data.update(overrides)
    return data


def procedure_form(owner, sector, **overrides):
    data = {
        "code": "1.000001", "name": "Đăng ký khai sinh", "sector": sector.pk, "level": "xa",
        "service_level": "toan-trinh", "online_url": "", "owner_agency": owner.pk, "steps": rich_text("Bước 1"),
        "method": "Trực tiếp", "processing_time": "Trong ngày", "processing_days": "0", "applicants": "Cá nhân",
        "result": "Giấy khai sinh", "fees": "Miễn lệ phí", "requirements": "Không", "submission_and_return": "Một cửa",
    }
    data.update(inline_formset("required_files", [{"name": "Tờ khai đăng ký khai sinh", "copies": "01 bản chính"}]))
    data.update(overrides)
    return data
