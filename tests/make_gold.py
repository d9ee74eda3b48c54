"""How the gold lines of tests/gold-markup and tests/gold-markup2 were written: each
annotation says which number (and which occurrence of it in its region) it is; the
quote is the shortest window around it that occurs once in the document, so quotes
full of markup and PDF spacing are exact. Run from anywhere: python tests/make_gold.py"""
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared" / "corpus"


def text_of(doc): return (CORPUS / doc).read_bytes().decode('utf-8-sig')
def region_span(t, a, b):
    s=t.index(a)
    return s, t.index(b, s)+len(b)
def quote_for(t, reg, number, nth):
    s, e = reg
    pos = s
    for k in range(nth+1):
        pos = t.index(number, pos if k == 0 else pos+1)
        assert pos < e, (number, nth)
    for width in range(2, 80):
        q = t[max(0,pos-width):pos+len(number)+min(width,6)]
        if t.count(q) == 1 and q.count(number) == 1:
            return q
    raise ValueError(number)
G={}
R={}
def doc_regions(doc, pairs):
    t=text_of(doc)
    R[doc]=pairs
    return t, [region_span(t,a,b) for a,b in pairs]
def add(doc, t, reg, number, nth, value, unit, kind, qual, ind, period):
    G.setdefault(doc,[]).append(dict(doc=doc, quote=quote_for(t, reg, number, nth), number=number,
        value=value, unit=unit, kind=kind, qualifier=qual, indicator=ind, period=period))

def add_rows(doc, t, reg, period, rows):
    """Annotations of one region; a row is (number, value, unit, kind, indicator), and
    may add the occurrence (after the number), the qualifier (before the indicator) and
    its own period (last)."""
    for row in rows:
        if len(row) == 5:
            (num, v, u, k, ind), nth, q, p = row, 0, 'exact', period
        elif len(row) == 6:
            (num, nth, v, u, k, ind), q, p = row, 'exact', period
        elif len(row) == 7:
            (num, nth, v, u, k, q, ind), p = row, period
        else:
            num, nth, v, u, k, q, ind, p = row
        add(doc, t, reg, num, nth, v, u, k, q, ind, p)

d='stat_bulletin_2025_huaihua_html.txt'
t, regs = doc_regions(d, [('全市完成农林牧渔业总产值542.91亿元','产值14.64亿元，增长7.1%。'),
                          ('全年粮食产量199.09万吨','产量1894.20万吨，增长34.5%。')])
r1, r2 = regs
p='2025'
add_rows(d, t, r1, p, [('542.91亿',54291000000,'元','money','农林牧渔业总产值'),
    ('4.5',4.5,'%','rate','农林牧渔业总产值增长'),('296.85亿',29685000000,'元','money','农业产值'),
    ('5.2',5.2,'%','rate','农业产值增长'),('44.98亿',4498000000,'元','money','林业产值'),
    ('7.5',7.5,'%','rate','林业产值增长'),('166.17亿',16617000000,'元','money','牧业产值'),
    ('2.4',2.4,'%','rate','牧业产值增长'),('20.27亿',2027000000,'元','money','渔业产值'),
    ('14.64亿',1464000000,'元','money','农林牧渔专业及辅助性活动产值'),
    ('7.1',7.1,'%','rate','农林牧渔专业及辅助性活动产值增长')])
# the first 4.9 of the region is inside 44.98
add(d,t,r1,'4.9',1,4.9,'%','rate','exact','渔业产值增长',p)
add_rows(d, t, r2, p, [('199.09万',1990900,'吨','measure','粮食产量'),
    ('0.9',0.9,'%','rate','粮食产量增长'),('24.51万',245100,'吨','measure','油料产量'),
    ('4.3',4.3,'%','rate','油料产量增长'),('22.81万',228100,'吨','measure','油菜籽产量'),
    ('3.6',3.6,'%','rate','油菜籽产量增长'),('0.29万',2900,'吨','measure','烟叶产量'),
    ('4.9',4.9,'%','rate','烟叶产量增长'),('1.48万',14800,'吨','measure','茶叶产量'),
    ('5.9',5.9,'%','rate','茶叶产量增长'),('1894.20万',18942000,'吨','measure','蔬菜及食用菌产量'),
    ('34.5',34.5,'%','rate','蔬菜及食用菌产量增长')])
d='budget_report_2025_luoyang_pdftext.txt'
t, regs = doc_regions(d, [('2025年  全  市  政  府  性  基  金  预  算  收  入  年  初',
                           '支  出  完  成  429.6亿  元  ，  同  比  下  降  3.7%。')])
r=regs[0]
p='2025'
add_rows(d, t, r, p, [('278.1亿',27810000000,'元','money','全市政府性基金预算收入年初预算合计'),
    ('55.3亿',5530000000,'元','money','全市政府性基金预算调减收入预算'),
    ('222.8亿',22280000000,'元','money','全市政府性基金预算调整后收入预算'),
    ('225.7亿',22570000000,'元','money','全市政府性基金预算收入完成'),
    ('16.3',16.3,'%','rate','全市政府性基金预算收入同比下降'),
    ('386.2亿',38620000000,'元','money','全市政府性基金预算支出预算合计'),
    ('559.6亿',55960000000,'元','money','全市政府性基金预算支出预算调整'),
    ('429.6亿',42960000000,'元','money','全市政府性基金预算支出完成'),
    ('3.7',3.7,'%','rate','全市政府性基金预算支出同比下降')])
d='hk_policy_address_2019_simp.txt'
t, regs = doc_regions(d, [('为确保各类资助出售房屋是各目标家庭','总共约\u200668\u2006亿元。'),
                          ('但现时公屋平均轮候时间长达5.4年','令轮候人士要长时间承担沉重的租金')])
r1, r2 = regs
add(d,t,r1,'50',0,50,'%','rate','over','可负担单位数量比例','2018')
add(d,t,r1,'75',0,75,'%','rate','over','可负担单位数量比例','2018')
add(d,t,r1,'52',0,52,'%','rate','about','出售居屋售价占市价比例','2018')
add(d,t,r1,'59',0,59,'%','rate','about','出售居屋售价占市价比例','2019')
add(d,t,r1,'9\r\n    300',0,9300,'个','count','about','新定价居屋单位','2019')
add(d,t,r1,'68',0,6800000000,'元','money','about','新定价居屋为业主节省','2019')
add(d,t,r2,'5.4',0,5.4,'年','measure','exact','公屋平均轮候时间','2019')



def write(folder):
    """Write the annotations made since the last write into tests/FOLDER."""
    out = HERE / folder
    out.mkdir(exist_ok=True)
    for doc, lines in G.items():
        with open(out / f'{doc}.gold.jsonl','w',encoding='utf-8') as f:
            for line in lines:
                f.write(json.dumps(line,ensure_ascii=False)+'\n')
        with open(out / f'{doc}.regions.jsonl','w',encoding='utf-8') as f:
            for a,b in R[doc]:
                f.write(json.dumps({'doc':doc,'from':a,'to':b},ensure_ascii=False)+'\n')
    print(folder, {d: len(v) for d, v in G.items()})
    G.clear()
    R.clear()


write('gold-markup')

# The second set: sections whose output had not been seen when they were annotated.
d='stat_bulletin_2025_quanzhou_html.txt'
t, regs = doc_regions(d, [('全年全部工业增加值比上年增长6.3%。','燃气及水生产和供应业下降0.2%。'),
                          ('年末发电装机容量1372.53万千瓦','全年工业用电量447.43亿千瓦时，增长2.8%。')])
r1, r2 = regs
p='2025'
add_rows(d, t, r1, p, [('6.3',6.3,'%','rate','全部工业增加值比上年增长'),
    ('7.0',7.0,'%','rate','规模以上工业增加值增长'),
    ('8.8',8.8,'%','rate','规模以上轻工业增加值增长'),
    ('4.2',4.2,'%','rate','规模以上重工业增加值增长'),
    ('10.0',10.0,'%','rate','规模以上采矿业增加值下降'),
    ('7.4',7.4,'%','rate','规模以上制造业增加值增长'),
    ('0.2',0.2,'%','rate','规模以上电力、热力、燃气及水生产和供应业增加值下降')])
add_rows(d, t, r2, p, [('1372.53万',13725300,'千瓦','measure','发电装机容量'),
    ('9.7',9.7,'%','rate','发电装机容量比上年末增长'),
    ('831.58万',8315800,'千瓦','measure','火电装机容量'),('1.2',1.2,'%','rate','火电装机容量增长'),
    ('85.06万',850600,'千瓦','measure','水电装机容量'),('7.5',7.5,'%','rate','水电装机容量下降'),
    ('38.78万',387800,'千瓦','measure','风电装机容量'),
    ('414.12万',4141200,'千瓦','measure','太阳能发电装机容量'),
    ('41.5',41.5,'%','rate','太阳能发电装机容量增长'),
    ('447.43亿',44743000000,'千瓦时','measure','工业用电量'),
    ('2.8',2.8,'%','rate','工业用电量增长')])
d='stat_bulletin_2025_yueyang_html.txt'
t, regs = doc_regions(d, [('全年粮食播种面积',
                          '顷，增长</span><span style="font-size:16pt;'
                          """font-family:'Times New Roman',serif">3.4%</span>""")])
r=regs[0]
add_rows(d, t, r, p, [('486.28',486.28,'千公顷','measure','粮食播种面积'),
    ('12.11',12.11,'千公顷','measure','棉花种植面积'),('5.7',5.7,'%','rate','棉花种植面积增长'),
    ('144.37',144.37,'千公顷','measure','油料种植面积'),('0.7',0.7,'%','rate','油料种植面积增长'),
    ('94.27',94.27,'千公顷','measure','蔬菜及食用菌种植面积'),
    ('3.4',3.4,'%','rate','蔬菜及食用菌种植面积增长')])
d='budget_report_2025_luoyang_pdftext.txt'
t, regs = doc_regions(d, [('2025年  全  市  国  有  资  本  经  营  预  算  收  入  年',
                           '完  成  9542万  元  。')])
r=regs[0]
add_rows(d, t, r, p, [(num, nth, v, '元', 'money', ind) for num, nth, v, ind in [
    ('17.9亿',0,1790000000,'全市国有资本经营预算收入年初预算合计'),
    ('9亿',1,900000000,'全市国有资本经营预算收入完成'),
    ('22.2亿',0,2220000000,'全市国有资本经营预算支出预算合计'),
    ('4.1亿',0,410000000,'全市国有资本经营预算支出完成'),
    ('1.9亿',0,190000000,'市级国有资本经营预算收入年初预算'),
    ('2.9亿',0,290000000,'市级国有资本经营预算收入完成'),
    ('1.3亿',0,130000000,'市级国有资本经营预算支出预算'),
    ('9542万',0,95420000,'市级国有资本经营预算支出完成')]])
write('gold-markup2')

# The third set, annotated before qmine was run on these passages.
d='stat_bulletin_2025_quanzhou_html.txt'
t, regs = doc_regions(d, [('全年一般公共预算总收入991.60亿元',
                           '海关代征税收收入121.87亿元，下降25.9%。')])
r=regs[0]
p='2025'
add_rows(d, t, r, p, [('991.60亿',99160000000,'元','money','一般公共预算总收入'),
    ('1.7',1.7,'%','rate','一般公共预算总收入比上年增长'),
    ('592.07亿',59207000000,'元','money','地方一般公共预算收入'),
    ('3.4',3.4,'%','rate','地方一般公共预算收入增长'),
    ('880.29亿',88029000000,'元','money','一般公共预算支出'),
    ('4.6',4.6,'%','rate','一般公共预算支出增长'),('230.02亿',23002000000,'元','money','教育支出'),
    ('3.7',3.7,'%','rate','教育支出增长'),
    ('292.07亿',29207000000,'元','money','政府性基金预算收入'),
    ('525.80亿',52580000000,'元','money','政府性基金预算支出'),
    ('1494.89亿',149489000000,'元','money','税务部门组织的各项收入'),
    ('0.5',0.5,'%','rate','税务部门组织的各项收入增长'),
    ('814.34亿',81434000000,'元','money','税收收入'),('1.2',1.2,'%','rate','税收收入下降'),
    ('121.87亿',12187000000,'元','money','海关代征税收收入'),
    ('25.9',25.9,'%','rate','海关代征税收收入下降')])
d='stat_bulletin_2025_huaihua_html.txt'
t, regs = doc_regions(d, [('全市完成建筑业增加值127.52亿元',
                           '房屋建筑竣工面积465.48万平方米，下降2.76%。')])
r=regs[0]
add_rows(d, t, r, p, [('127.52亿',0,12752000000,'元','money','建筑业增加值'),
    ('5.5',0,5.5,'%','rate','建筑业增加值增长'),
    ('14.2亿',0,1420000000,'元','money','总承包和专业承包建筑业企业利润总额'),
    ('40.6',0,40.6,'%','rate','总承包和专业承包建筑业企业利润总额增长'),
    ('972.8万',0,9728000,'平方米','measure','房屋建筑施工面积'),
    ('0.8',0,0.8,'%','rate','房屋建筑施工面积增长'),
    ('497.79万',0,4977900,'平方米','measure','房屋建筑新开工面积'),
    ('0.8',1,0.8,'%','rate','房屋建筑新开工面积增长'),
    ('465.48万',0,4654800,'平方米','measure','房屋建筑竣工面积'),
    ('2.76',0,2.76,'%','rate','房屋建筑竣工面积下降')])
d='budget_report_2025_luoyang_pdftext.txt'
t, regs = doc_regions(d, [('2025年  全  市  社  会  保  险  基  金  预  算  收  入  年  初',
                           '同  比  增  长  5.1%。')])
r=regs[0]
add_rows(d, t, r, p, [('208.1亿',0,20810000000,'元','money','全市社会保险基金预算收入年初预算'),
    ('212.4亿',0,21240000000,'元','money','全市社会保险基金预算收入完成'),
    ('4',1,4,'%','rate','全市社会保险基金预算收入同比增长'),
    ('195亿',0,19500000000,'元','money','全市社会保险基金支出预算'),
    ('199.9亿',0,19990000000,'元','money','全市社会保险基金支出完成'),
    ('5.1',0,5.1,'%','rate','全市社会保险基金支出同比增长')])
write('gold-markup3')

# A fourth set, plain text, annotated before qmine was run on these passages.
# (The first "2" of the Shaanxi region is inside 200: the count 2个 is occurrence 1.)
d='gov_report_2026_guangdong.txt'
t, regs = doc_regions(d, [('地区生产总值增长3.9%、总量连续37年居全国首位。',
                           '服务贸易总额突破2500亿美元、增长12.5%。')])
r=regs[0]
p='2025'
add_rows(d, t, r, p, [('3.9',0,3.9,'%','rate','exact','地区生产总值增长'),
    ('3',2,3,'%','rate','exact','地方一般公共预算收入增长'),
    ('9.5万亿',0,9500000000000,'元','money','exact','货物进出口总额'),
    ('4.4',0,4.4,'%','rate','exact','货物进出口总额增长'),
    ('24.1',0,24.1,'%','rate','exact','货物进出口贡献全国增量比重'),
    ('百亿',0,10000000000,'美元','money','over','广东团现场成交额'),
    ('2500亿',0,250000000000,'美元','money','over','服务贸易总额'),
    ('12.5',0,12.5,'%','rate','exact','服务贸易总额增长')])
d='gov_report_2026_shaanxi.txt'
t, regs = doc_regions(d, [('改造城镇老旧小区870个',
                           '新建和改造高标准农田94.18万亩。')])
r=regs[0]
add_rows(d, t, r, p, [('870',0,870,'个','count','exact','改造城镇老旧小区'),
    ('10万余',0,100000,'户','count','over','改造城镇老旧小区惠及户'),
    ('8.8万',0,88000,'套','count','exact','城中村改造'),
    ('9790',0,9790,'公里','measure','exact','更新改造燃气管道'),
    ('456',0,456,'个','count','exact','完成临时用电治理小区'),
    ('60万',0,600000,'户','count','exact','用上舒心电居民'),
    ('5.5',0,5.5,'%','rate','over','县域经济增长'),
    ('1.5万亿',0,1500000000000,'元','money','over','主导产业产值'),
    ('2',1,2,'个','count','exact','新增经济总量超200亿元县'),
    ('29',0,29,'个','count','exact','经济总量超200亿元县'),
    ('100亿',0,10000000000,'元','money','over','陈仓园区产值'),
    ('100亿',0,10000000000,'元','money','over','洋县园区产值'),
    ('200亿',1,20000000000,'元','money','over','富平园区产值'),
    ('94.18万',0,941800,'亩','measure','exact','新建和改造高标准农田')])
d='hk_policy_address_2017_trad.txt'
t, regs = doc_regions(d, [('在未來一年，我們將分別把幼兒學前康復服務名額',
                           '提升消防安全的要求。')])
r=regs[0]
add_rows(d, t, r, p, [('3 000',0,3000,'个','count','exact','幼儿学前康复服务名额','2017'),
    ('7 000',0,7000,'个','count','exact','幼儿学前康复服务名额','2018'),
    ('3 000',1,3000,'张','count','exact','长者社区照顾服务券','2017'),
    ('6 000',0,6000,'张','count','exact','长者社区照顾服务券','2018'),
    ('5 000',0,5000,'幢','count','over','楼龄超过50年住宅及商住楼宇','2017'),
    ('30億',0,3000000000,'元','money','exact','推行楼宇更新大行动斥资',None),
    ('20億',0,2000000000,'元','money','exact','资助旧楼提升消防安全',None)])
write('gold-fourth')

# A fifth set, plain text, annotated before qmine was run on these passages.
d='budget_report_2025_zhanjiang_webtext.txt'
t, regs = doc_regions(d, [('2025年全市政府性基金预算收入64.7亿元',
                           '全市政府性基金预算支出总计343.37亿元。')])
r=regs[0]
p='2025'
add_rows(d, t, r, p, [('64.7亿',0,6470000000,'元','money','全市政府性基金预算收入'),
    ('82.8',0,82.8,'%','rate','全市政府性基金预算收入完成年度预算'),
    ('30.5',0,30.5,'%','rate','全市政府性基金预算收入同比增长'),
    ('45.29亿',0,4529000000,'元','money','全市国有土地使用权出让收入'),
    ('35.7',0,35.7,'%','rate','全市国有土地使用权出让收入同比增长'),
    ('343.37亿',0,34337000000,'元','money','全市政府性基金预算收入总计'),
    ('251.92亿',0,25192000000,'元','money','全市政府性基金预算支出'),
    ('19.8',0,19.8,'%','rate','全市政府性基金预算支出同比增长'),
    ('343.37亿',1,34337000000,'元','money','全市政府性基金预算支出总计')])
d='gov_report_2010_national.txt'
t, regs = doc_regions(d, [('２００９年中央政府公共投资９２４３亿元',
                           '全社会固定资产投资增长３０．１％'),
                          ('中央财政用于“三农”的支出７２５３亿元',
                           '９．２万户游牧民实现了定居。')])
r1, r2 = regs
p='2009'
add_rows(d, t, r1, p, [('９２４３亿',924300000000,'元','money','中央政府公共投资'),
    ('５０３８亿',503800000000,'元','money','中央政府公共投资比上年预算增加'),
    ('４４',44,'%','rate','保障性住房、农村民生工程、社会事业投资占比'),
    ('１６',16,'%','rate','自主创新、结构调整、节能减排和生态建设占比'),
    ('２３',23,'%','rate','重大基础设施建设占比'),('１４',14,'%','rate','灾后恢复重建占比'),
    ('３０．１',30.1,'%','rate','全社会固定资产投资增长')])
add_rows(d, t, r2, p, [('７２５３亿',725300000000,'元','money','中央财政用于三农的支出'),
    ('２１．８',21.8,'%','rate','中央财政用于三农的支出增长'),
    ('６０６９万',60690000,'','count','农村饮水安全工程受益农民'),
    ('５１０万',5100000,'','count','新增沼气用户'),
    ('３８万',380000,'公里','measure','新建和改造农村公路'),
    ('２６．６万',266000,'公里','measure','新建和改造农村电网线路'),
    ('８０万',800000,'户','count','农村危房得到改造'),('９．２万',92000,'户','count','游牧民定居')])
d='gov_report_2026_guangdong.txt'
t, regs = doc_regions(d, [('是：地区生产总值增长4.5%—5%',
                           '地方一般公共预算收入增长3%左右')])
r=regs[0]
add(d,t,r,'4.5%—5',0,4.75,'%','rate','about','地区生产总值增长','2026')
add(d,t,r,'3',0,3,'%','rate','about','地方一般公共预算收入增长','2026')
write('gold-fifth')

# A sixth set, a page (numbers in their own spans), annotated before qmine was run on
# these passages.
d='stat_bulletin_2025_yueyang_html.txt'
SPAN = "</span><span style=\"font-size:16pt;font-family:'Times New Roman',serif\">"
t, regs = doc_regions(d, [('全年完成房地产开发投资','32.0%'),
                          ('全年规模以上服务业企业营业收入','，下降'+SPAN+'1.6%'),
                          ('全年居民人均可支配收入','，增长'+SPAN+'5.6%'),('全市居民人均消费支出','5.0%')])
r1, r2, r3, r4 = regs
p='2025'
add_rows(d, t, r1, p, [('128.08',12808000000,'元','money','房地产开发投资'),
    ('26.8',26.8,'%','rate','房地产开发投资比上年下降'),
    ('229.75',2297500,'平方米','measure','商品房销售面积'),
    ('0.5',0.5,'%','rate','商品房销售面积下降'),('102.05',10205000000,'元','money','商品房销售额'),
    ('10.2',10.2,'%','rate','商品房销售额下降'),
    ('115.91',1159100,'平方米','measure','商品房待售面积'),
    ('32.0',32.0,'%','rate','商品房待售面积下降')])
add_rows(d, t, r2, p, [('831.75',83175000000,'元','money','规模以上服务业企业营业收入'),
    ('9.4',9.4,'%','rate','规模以上服务业企业营业收入比上年增长'),
    ('136.41',13641000000,'元','money','规模以上服务业企业利润总额'),
    ('7.7',0,7.7,'%','rate','规模以上服务业企业利润总额增长'),
    ('7.7',1,77000,'人','count','规模以上服务业企业期末用工人数'),
    ('1.6',1.6,'%','rate','规模以上服务业企业期末用工人数下降')])
add_rows(d, t, r3, p, [('38534',38534,'元','money','居民人均可支配收入'),
    ('4.6',4.6,'%','rate','居民人均可支配收入比上年增长'),
    ('47548',47548,'元','money','城镇居民人均可支配收入'),
    ('3.9',3.9,'%','rate','城镇居民人均可支配收入增长'),
    ('25895',25895,'元','money','农村居民人均可支配收入'),
    ('5.6',5.6,'%','rate','农村居民人均可支配收入增长')])
add_rows(d, t, r4, p, [('27937',27937,'元','money','居民人均消费支出'),
    ('3.8',3.8,'%','rate','居民人均消费支出比上年增长'),
    ('31851',31851,'元','money','城镇居民人均消费支出'),
    ('3.0',3.0,'%','rate','城镇居民人均消费支出增长'),
    ('22448',22448,'元','money','农村居民人均消费支出'),
    ('5.0',5.0,'%','rate','农村居民人均消费支出增长')])
write('gold-sixth')
