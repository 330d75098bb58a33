"""Organization names in free text: left boundary at areas and cut words, endings from the lexicon."""

import pytest

from app.elements.entities import OrgSyntax, organization_spans
from app.elements.lexicon import load_lexicons

AREAS = ("鹤壁市", "山城区", "淇滨区", "浚县", "淇县", "鹤山区", "黎阳镇", "红旗街道", "长风社区")


@pytest.fixture(scope="module")
def syntax() -> OrgSyntax:
    """The shipped lexicon with a city's area names."""
    return OrgSyntax(load_lexicons().organizations, AREAS)


@pytest.mark.parametrize(("text", "names"), [
    ("宋海军不满鹤壁市第三人民医院的处理意见", ["鹤壁市第三人民医院"]),
    ("方雪不满鹤山区妇幼保健院的处理意见", ["鹤山区妇幼保健院"]),
    ("浚县鹤壁市中医院", ["鹤壁市中医院"]),  # an address (county) before a city hospital
    ("你好，我在淇县中医院住院一周", ["淇县中医院"]),
    ("在浚县黎阳镇卫生院看病", ["浚县黎阳镇卫生院"]),
    ("多次联系鹤壁市泰和物业管理有限公司无人处理", ["鹤壁市泰和物业管理有限公司"]),
    ("鹤壁市和顺物业服务有限公司擅自提高停车费", ["鹤壁市和顺物业服务有限公司"]),
    ("其孩子在鹤壁市宇宏教育培训学校被同学打伤", ["鹤壁市宇宏教育培训学校"]),
    ("向中国人寿保险股份有限公司鹤壁市分公司申请理赔", ["中国人寿保险股份有限公司鹤壁市分公司"]),
    ("承包方鹤壁市恒达建筑劳务有限公司拖欠工资", ["鹤壁市恒达建筑劳务有限公司"]),
    ("投诉华和建筑劳务有限公司", ["华和建筑劳务有限公司"]),
    ("业主与泰和物业发生争执", ["泰和物业"]),
    ("你好，山城区第五小学以资料费名义收费", ["山城区第五小学"]),
])
def test_names_start_at_their_area_or_after_a_cut_word(syntax: OrgSyntax, text: str, names: list[str]) -> None:
    assert [name for name, _, _ in organization_spans(text, syntax)] == names


@pytest.mark.parametrize("text", [
    "投诉建筑劳务有限公司拖欠工资", "多次找物业公司", "楼道下水管道漏水物业不管", "去人民医院看病", "鹤壁市有限公司",
])
def test_generic_or_bare_endings_name_no_organization(syntax: OrgSyntax, text: str) -> None:
    assert organization_spans(text, syntax, is_generic=lambda name: "漏水" in name) == []


def test_an_estate_named_after_a_works_is_a_place(syntax: OrgSyntax) -> None:
    assert organization_spans("红旗街道长风社区万达电厂公寓3号楼", syntax) == []
