"""A report's region (with its 行政区划代码), kind, year and title, read from its head
or given with --region / --meta."""
import pytest
from conftest import CORPUS, SAMPLES
from qmine.extract import ReportMeta, describe, divisions, extract_text, read_document
from qmine.extract.report_meta import MetaError, read_meta_table, user_meta

# Every report the project reads, with the region it speaks for (issue 8: right on both
# samples and every report of ../shared/corpus).
EXPECTED = {
    "huzhou-quality-2013.txt": ("湖州市", "330500", "quality_report"),
    "xiangzhou-quality-2012-trad.txt": ("襄州区", "420607", "quality_report"),
    "budget_report_2025_luoyang_pdftext.txt": ("洛阳市", "410300", "budget_report"),
    "budget_report_2025_zhanjiang_webtext.txt": ("湛江市", "440800", "budget_report"),
    "gov_report_2003_national.txt": ("全国", "", "work_report"),
    "gov_report_2010_national.txt": ("全国", "", "work_report"),
    "gov_report_2018_national.txt": ("全国", "", "work_report"),
    "gov_report_2026_guangdong.txt": ("广东省", "440000", "work_report"),
    "gov_report_2026_shaanxi.txt": ("陕西省", "610000", "work_report"),
    "hk_policy_address_1997_trad.txt": ("香港特别行政区", "810000", "policy_address"),
    "hk_policy_address_2000_trad.txt": ("香港特别行政区", "810000", "policy_address"),
    "hk_policy_address_2017_trad.txt": ("香港特别行政区", "810000", "policy_address"),
    "hk_policy_address_2019_simp.txt": ("香港特别行政区", "810000", "policy_address"),
    "stat_bulletin_2025_huaihua_html.txt": ("怀化市", "431200", "statistical_communique"),
    "stat_bulletin_2025_quanzhou_html.txt": ("泉州市", "350500", "statistical_communique"),
    "stat_bulletin_2025_yueyang_html.txt": ("岳阳市", "430600", "statistical_communique"),
}


def _path(name):
    path = SAMPLES / name if (SAMPLES / name).is_file() else CORPUS / name
    if not path.is_file():
        pytest.skip("../shared/corpus is not here")
    return path


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_region_and_kind_of_every_sample_and_corpus_report(name):
    report = describe(read_document(_path(name)).text)
    assert (report.region, report.region_code, report.doc_type) == EXPECTED[name]


def test_every_record_carries_its_report_region():
    records = extract_text(read_document(SAMPLES / "huzhou-quality-2013.txt").text)
    assert {(r.region, r.region_code, r.doc_type) for r in records} == {
        ("湖州市", "330500", "quality_report")}


@pytest.mark.parametrize("head, region", [
    ("政府工作报告\n——2026年1月26日在广东省第十四届\n人民代表大会第五次会议上\n"
     "广东省省长 孟凡利\n", "广东省"),
    ("关于洛阳市2025年预算执行情况和2026年预算草案的报告\n", "洛阳市"),
    # the innermost of a chain
    ("今年以来,湖北省襄阳市襄州区质量技术监督局围绕中心工作,", "襄州区"),
    ("政府工作报告——2018年3月5日在第十三届全国人民代表大会第一次会议上\n", "全国"),
    ("襄樊市2009年国民经济和社会发展统计公报\n", "襄阳市"),  # a former name
])
def test_region_from_a_report_head(head, region):
    assert describe(head + "全年完成地区生产总值1000亿元。").region == region


def test_a_region_named_in_prose_is_not_the_reporter():
    text = ("一、主要工作\n" + "全市质量工作稳步推进，各项指标良好。" * 20
            + "南浔区人民政府申报的项目获批。湖州市质量强市。湖州市名牌。")
    assert describe(text).region == "湖州市"


def test_user_meta_wins_and_is_checked():
    assert extract_text("全年完成地区生产总值1000亿元。",
                        meta=user_meta("330500"))[0].region == "湖州市"
    with pytest.raises(MetaError, match="ambiguous"):
        user_meta("朝阳区")
    with pytest.raises(MetaError, match="unknown region"):
        user_meta("不存在市")
    with pytest.raises(MetaError, match="unknown report kind"):
        user_meta(doc_type="novel")


def test_meta_file_gives_region_year_and_kind(tmp_path):
    path = tmp_path / "meta.csv"
    path.write_text("file,region,year,doc_type\na.txt,湖州市,2013,quality_report\n",
                    encoding="utf-8")
    table = read_meta_table(str(path))
    meta = table["a.txt"]
    assert meta == ReportMeta("湖州市", "330500", "quality_report", 2013, None)
    records = extract_text("今年检查企业100家。", meta=meta)
    assert records[0].period == "2013" and records[0].doc_type == "quality_report"


@pytest.mark.parametrize("body, message", [
    ("region\n湖州市\n", "'file' column"),
    ("file,colour\na,red\n", "unknown column"),
    ("file,year\na,13\n", ":2: year"),
    ("file,region\na,朝阳区\n", ":2: region '朝阳区' is ambiguous"),
])
def test_a_bad_meta_file_names_file_line_and_column(tmp_path, body, message):
    path = tmp_path / "meta.csv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(MetaError) as e:
        read_meta_table(str(path))
    assert str(path) in str(e.value) and message in str(e.value)


def test_the_division_table_has_every_level():
    table = divisions()
    levels = {d.level for d in table.by_code.values()}
    assert levels == {1, 2, 3} and len(table.by_code) > 3000
    assert table.lookup("香港")[0].code == "810000" and table.lookup("内蒙古")[0].code == "150000"
