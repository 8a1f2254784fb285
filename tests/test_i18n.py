"""Catalogs: every key in every locale with the same parameters; a missing key fails loudly."""

from __future__ import annotations

import pytest

from dialogs.engine import all_catalog_keys, check_wiring
from dialogs.i18n import LOCALES, Catalog, CatalogError, catalog, render, template_fields, validate_catalogs
from dialogs.types import Outbound


def test_every_locale_is_complete() -> None:
    validate_catalogs()
    reference = set(catalog("zh_CN").messages)
    for locale in LOCALES:
        assert set(catalog(locale).messages) == reference


def test_every_key_the_dialogs_use_exists() -> None:
    check_wiring(all_catalog_keys())
    for locale in LOCALES:
        missing = {k for k in all_catalog_keys() if k not in catalog(locale)}
        assert not missing, (locale, missing)


def test_a_missing_key_is_an_error_not_a_blank() -> None:
    with pytest.raises(CatalogError, match=r"no\.such\.key"):
        render(Outbound(key="no.such.key"), "zh_CN", "wechat")
    with pytest.raises(CatalogError, match="unknown locale"):
        catalog("fr")
    with pytest.raises(CatalogError, match="dialog wiring"):
        check_wiring({"common.greeting", "not.in.catalog"})


def test_a_missing_parameter_is_an_error() -> None:
    with pytest.raises(CatalogError, match="parameter"):
        render(Outbound(key="survey.summary"), "zh_CN", "wechat")


def test_sms_variant_and_numbered_options() -> None:
    cat: Catalog = catalog("zh_CN")
    menu = Outbound(key="menu.title", options=("menu.survey", "menu.human"))
    assert (
        render(menu, "zh_CN", "wechat")
        == f"{cat.get('menu.title')}\n1. {cat.get('menu.survey')}\n2. {cat.get('menu.human')}"
    )
    assert render(menu, "zh_CN", "sms").endswith(f"1{cat.get('menu.survey', 'sms')} 2{cat.get('menu.human', 'sms')}")
    assert render(Outbound(key="common.help"), "zh_CN", "sms") == cat.get("sms.common.help")


def test_parameters_match_across_locales() -> None:
    zh, en = catalog("zh_CN"), catalog("en")
    for key, template in zh.messages.items():
        assert template_fields(template) == template_fields(en.messages[key]), key


def test_catalogs_are_read_from_every_file_of_the_locale_folder(tmp_path, monkeypatch) -> None:
    import dialogs.i18n as i18n

    for locale in ("zh_CN", "en"):
        (tmp_path / locale).mkdir()
        (tmp_path / locale / "messages.toml").write_text('[a]\nx = "1"\n', encoding="utf-8")
        (tmp_path / locale / "feature.toml").write_text('[b]\ny = "2"\n', encoding="utf-8")
    monkeypatch.setattr(i18n.resources, "files", lambda _pkg: tmp_path)
    i18n.catalog.cache_clear()
    try:
        assert dict(i18n.catalog("zh_CN").messages) == {"a.x": "1", "b.y": "2"}
        (tmp_path / "en" / "feature.toml").write_text('[a]\nx = "again"\n', encoding="utf-8")
        with pytest.raises(CatalogError, match="defined in another file"):
            i18n.catalog("en")
    finally:
        i18n.catalog.cache_clear()
