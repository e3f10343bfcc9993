"""Form submissions become CSV rows of the import schema; signatures are checked on the raw body."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jobs.ingest.form import FormRejected, save_files, submission_rows, to_csv
from jobs.ingest.form_api import sign, signature_problem
from jobs.ingest.rows import read_csv


def test_one_product_or_several_variants_become_csv_rows_with_shared_fields():
    rows = submission_rows(
        {
            "handle": "lamp",
            "title": "Lamp",
            "price_cad": 19.99,
            "rows": [
                {"sku": "L-1", "condition": "Good"},
                {"sku": "L-2", "condition": "Fair", "price_cad": "15"},
            ],
        }
    )
    assert rows == [
        {"handle": "lamp", "title": "Lamp", "price_cad": "19.99", "sku": "L-1", "condition": "Good"},
        {"handle": "lamp", "title": "Lamp", "price_cad": "15", "sku": "L-2", "condition": "Fair"},
    ]
    headers, parsed = read_csv(to_csv(rows))
    assert headers == ["handle", "title", "price_cad", "sku", "condition"]
    assert [line for line, _ in parsed] == [2, 3] and parsed[1][1]["price_cad"] == "15"
    single = submission_rows(
        {"handle": "a", "sku": "A", "price": Decimal("10.50"), "images": ["x.png", "y.png"]}
    )
    assert single == [{"handle": "a", "sku": "A", "price": "10.50", "images": "x.png|y.png"}]


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"handle": "a", "rows": []}, "'rows' must be a non-empty list"),
        ({"handle": {"en": "a"}}, "expected text or a number, got dict"),
        ({"handle": "a", "active": True}, "true/false is not a value"),
        ({"handle": "", "sku": None}, "the form is empty"),
        ([1, 2], "must be an object"),
    ],
)
def test_unusable_forms_are_rejected_with_a_reason(fields, reason):
    with pytest.raises(FormRejected, match=reason):
        submission_rows(fields)


def test_uploaded_file_names_are_made_safe_and_distinct(tmp_path):
    names = save_files(
        [("../../etc/passwd.png", b"x"), ("my photo.png", b"y"), ("my photo.png", b"z")], tmp_path
    )
    assert names == ["01-passwd.png", "02-my-photo.png", "03-my-photo.png"]
    assert sorted(p.name for p in tmp_path.iterdir()) == names


def test_the_signature_covers_the_exact_body():
    body = b'{"handle":"a"}'
    good = sign("secret", body)
    assert good.startswith("sha256=") and len(good) == 7 + 64
    assert signature_problem("secret", body, good) is None
    assert signature_problem("secret", body, good.upper().replace("SHA256=", "sha256=")) is None
    assert "bad signature" in signature_problem("secret", body + b" ", good)
    assert "bad signature" in signature_problem("other", body, good)
    assert "missing" in signature_problem("secret", body, None)
    assert "must look like" in signature_problem("secret", body, "md5=abc")
