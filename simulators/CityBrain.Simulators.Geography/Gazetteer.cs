namespace CityBrain.Simulators.Geography;

/// <summary>A made-up city: where its centre lies, how many districts it has and what they are called.</summary>
internal sealed record CityPlan(string Id, string Name, string NameZh, string Code, double CoreX, double CoreY, int Districts,
    IReadOnlyList<(string Name, string NameZh)> Names);

/// <summary>The fictional province's names and codes. Province code 39 is one China does not use, so no code here can
/// be mistaken for a real place.</summary>
internal static class Gazetteer
{
    public const string ProvinceCode = "390000";

    public static IReadOnlyList<CityPlan> Cities { get; } =
    [
        new("haizhou", "Haizhou", "海州市", "390100", 121.0, 30.75, 14,
        [
            ("Gulou", "鼓楼区"), ("Taijiang", "台江区"), ("Cangshan", "仓山区"), ("Haiyan", "海晏区"), ("Binhai", "滨海区"),
            ("Jinsha", "金沙区"), ("Wangjiang", "望江区"), ("Longwan", "龙湾区"), ("Anlan", "安澜县"), ("Fengxi", "枫溪县"),
            ("Chaoyang", "潮阳县"), ("Shimen", "石门县"), ("Baisha", "白沙县"), ("Dongshan", "东山县"),
        ]),
        new("qingshan", "Qingshan", "青山市", "390200", 118.7, 31.0, 12,
        [
            ("Shangcheng", "上城区"), ("Xiacheng", "下城区"), ("Jiangbei", "江北区"), ("Yuhang", "余杭区"), ("Songyang", "松阳县"),
            ("Lingfeng", "灵峰县"), ("Zhuxi", "竹溪县"), ("Yanling", "岩岭县"), ("Meishan", "梅山县"), ("Taohua", "桃花县"),
            ("Qiyun", "齐云县"), ("Hengtang", "横塘县"),
        ]),
        new("linjiang", "Linjiang", "临江市", "390300", 119.6, 29.75, 11,
        [
            ("Jiangcheng", "江城区"), ("Nanhu", "南湖区"), ("Beita", "北塔区"), ("Xiguan", "西关区"), ("Dukou", "渡口区"),
            ("Hexi", "河西县"), ("Luyuan", "鹿原县"), ("Pingtian", "平田县"), ("Shuangxi", "双溪县"), ("Huangtan", "黄滩县"),
            ("Wutong", "梧桐县"),
        ]),
        new("yunxi", "Yunxi", "云溪市", "390400", 118.3, 29.55, 10,
        [
            ("Yunzhong", "云中区"), ("Xishan", "西山区"), ("Baiyun", "白云区"), ("Cuiping", "翠屏县"), ("Qingtan", "青潭县"),
            ("Shiqiao", "石桥县"), ("Lianhua", "莲花县"), ("Gaoping", "高坪县"), ("Mashan", "马山县"), ("Liuxiang", "柳乡县"),
        ]),
        new("dongpu", "Dongpu", "东浦市", "390500", 121.0, 29.55, 13,
        [
            ("Puxin", "浦新区"), ("Gangkou", "港口区"), ("Yanbu", "盐埠区"), ("Haimen", "海门区"), ("Jiaojiang", "椒江区"),
            ("Xianju", "仙居县"), ("Sanmen", "三门县"), ("Yuhuan", "玉环县"), ("Wenling", "温岭县"), ("Damai", "大麦县"),
            ("Shitang", "石塘县"), ("Songmen", "松门县"), ("Jinqing", "金清县"),
        ]),
    ];

    /// <summary>Noise zone classes (GB 3096-2008) by a district's rank from its city's centre: the core is residential
    /// and commercial (1, 2), ring roads and railways (4a, 4b) and industry (3) follow, the countryside is mostly 1, with
    /// one protected zone (0) per city.</summary>
    public static IReadOnlyList<string> ZonesByRank { get; } = ["2", "1", "2", "4a", "3", "1", "2", "3", "4b", "1", "1", "0", "2", "1"];
}
