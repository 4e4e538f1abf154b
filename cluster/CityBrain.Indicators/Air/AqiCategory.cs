namespace CityBrain.Indicators.Air;

/// <summary>A band of the index with its name, colour and health advice (HJ 633 Table 2 and Appendix A; EPA TAD).</summary>
/// <param name="Level">1 to 6.</param>
/// <param name="LevelName">As the standard prints the level: 一级 … 六级 for HJ 633, the numeral for the EPA.</param>
/// <param name="Code">Lower camel case name for exports, e.g. FIWARE's airQualityLevel: <c>lightlyPolluted</c>.</param>
/// <param name="Colour">RGB hex, e.g. <c>#FF7E00</c>.</param>
public sealed record AqiCategory(
    int Level,
    string LevelName,
    int LowerIndex,
    int UpperIndex,
    string Code,
    string NameZh,
    string NameEn,
    string Colour,
    string HealthEffectZh,
    string AdviceZh,
    string HealthEffectEn,
    string AdviceEn)
{
    public bool Contains(int aqi) => aqi >= LowerIndex && aqi <= UpperIndex;
}

/// <summary>The category scales. HJ 633-2026 keeps the 2012 ranges, names and colours; its refined per-pollutant
/// sensitive groups are not yet verified against the official text, so both versions carry the 2012 wording.</summary>
public static class AqiCategories
{
    public static IReadOnlyList<AqiCategory> China { get; } =
    [
        new(1, "一级", 0, 50, "excellent", "优", "Excellent", "#00E400",
            "空气质量令人满意，基本无空气污染", "各类人群可正常活动",
            "Air quality is satisfactory, with essentially no pollution.", "Everyone can be active normally."),
        new(2, "二级", 51, 100, "good", "良", "Good", "#FFFF00",
            "空气质量可接受，但某些污染物可能对极少数异常敏感人群健康有较弱影响", "极少数异常敏感人群应减少户外活动",
            "Air quality is acceptable; some pollutants may slightly affect a very few unusually sensitive people.",
            "Unusually sensitive people should reduce outdoor activity."),
        new(3, "三级", 101, 150, "lightlyPolluted", "轻度污染", "Lightly polluted", "#FF7E00",
            "易感人群症状有轻度加剧，健康人群出现刺激症状", "儿童、老年人及心脏病、呼吸系统疾病患者应减少长时间、高强度的户外锻炼",
            "Symptoms of sensitive people worsen slightly; healthy people feel irritation.",
            "Children, the elderly and people with heart or respiratory disease should reduce long or intense outdoor exercise."),
        new(4, "四级", 151, 200, "moderatelyPolluted", "中度污染", "Moderately polluted", "#FF0000",
            "进一步加剧易感人群症状，可能对健康人群心脏、呼吸系统有影响", "儿童、老年人及心脏病、呼吸系统疾病患者避免长时间、高强度的户外锻炼，一般人群适量减少户外运动",
            "Symptoms of sensitive people worsen further; the heart and lungs of healthy people may be affected.",
            "Children, the elderly and people with heart or respiratory disease should avoid long or intense outdoor exercise; everyone else should cut back somewhat."),
        new(5, "五级", 201, 300, "heavilyPolluted", "重度污染", "Heavily polluted", "#99004C",
            "心脏病和肺病患者症状显著加剧，运动耐受力降低，健康人群普遍出现症状", "儿童、老年人和心脏病、肺病患者应停留在室内，停止户外运动，一般人群减少户外运动",
            "Symptoms of heart and lung patients worsen markedly and their exercise tolerance drops; healthy people commonly have symptoms.",
            "Children, the elderly and heart or lung patients should stay indoors and stop outdoor exercise; everyone else should reduce outdoor exercise."),
        new(6, "六级", 301, 500, "severelyPolluted", "严重污染", "Severely polluted", "#7E0023",
            "健康人群运动耐受力降低，有明显强烈症状，提前出现某些疾病", "儿童、老年人和病人应当留在室内，避免体力消耗，一般人群应避免户外活动",
            "Exercise tolerance of healthy people drops, with strong symptoms; some illnesses appear early.",
            "Children, the elderly and the sick should stay indoors and avoid exertion; everyone else should avoid outdoor activity."),
    ];

    public static IReadOnlyList<AqiCategory> UsEpa { get; } =
    [
        new(1, "1", 0, 50, "good", "良好", "Good", "#00E400",
            "空气质量令人满意，空气污染几乎不构成风险", "各类人群可正常活动",
            "Air quality is satisfactory, and air pollution poses little or no risk.", "It is a great day to be active outside."),
        new(2, "2", 51, 100, "moderate", "中等", "Moderate", "#FFFF00",
            "空气质量可接受，但对少数对空气污染异常敏感的人可能有风险", "异常敏感人群应考虑减少长时间或高强度的户外活动",
            "Air quality is acceptable; there may be a risk for some people who are unusually sensitive to air pollution.",
            "Unusually sensitive people should consider reducing prolonged or heavy exertion outdoors."),
        new(3, "3", 101, 150, "unhealthyForSensitiveGroups", "对敏感人群不健康", "Unhealthy for Sensitive Groups", "#FF7E00",
            "敏感人群可能出现健康影响，一般公众受影响的可能性较小", "敏感人群应减少长时间或高强度的户外活动",
            "Members of sensitive groups may experience health effects; the general public is less likely to be affected.",
            "Sensitive groups should reduce prolonged or heavy exertion outdoors."),
        new(4, "4", 151, 200, "unhealthy", "不健康", "Unhealthy", "#FF0000",
            "部分公众可能出现健康影响，敏感人群的影响可能更严重", "敏感人群应避免长时间或高强度的户外活动，其他人应减少",
            "Some members of the general public may experience health effects; sensitive groups may experience more serious effects.",
            "Sensitive groups should avoid prolonged or heavy exertion outdoors; everyone else should reduce it."),
        new(5, "5", 201, 300, "veryUnhealthy", "非常不健康", "Very Unhealthy", "#8F3F97",
            "健康警报：所有人的健康风险均增加", "敏感人群应避免一切户外体力活动，其他人应避免长时间或高强度的户外活动",
            "Health alert: the risk of health effects is increased for everyone.",
            "Sensitive groups should avoid all physical activity outdoors; everyone else should avoid prolonged or heavy exertion."),
        new(6, "6", 301, 500, "hazardous", "危险", "Hazardous", "#7E0023",
            "紧急健康警告：所有人都更可能受到影响", "所有人应避免一切户外体力活动",
            "Health warning of emergency conditions: everyone is more likely to be affected.",
            "Everyone should avoid all physical activity outdoors."),
    ];
}
