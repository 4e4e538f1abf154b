using CityBrain.Grains.Areas;
using CityBrain.Indicators.Air;
using CityBrain.Indicators.Noise;
using CityBrain.Indicators.Time;

namespace CityBrain.Grains;

public sealed class GrainOptions
{
    /// <summary>How often, at most, a device tells its district and a district tells the city what changed.
    /// Reporting per reading would multiply the cluster's traffic by the number of levels for nothing the screen shows.</summary>
    public TimeSpan ReportPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A device is online when it was heard from within this window and did not say goodbye.</summary>
    public TimeSpan OnlineWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Latest values older than this no longer count in the district's means.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often a grain with unsaved changes writes its state, bounding what a crash can forget
    /// (the raw journal still holds every reading).</summary>
    public TimeSpan SavePeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long after a clock hour ends a device closes it: reports of the hour's last window are still on
    /// their way (a gateway reports at the end of its window, and may retry).</summary>
    public TimeSpan HourCloseDelay { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>How much later than its devices a district, and later again the city, closes an hour, so their
    /// hourly means have arrived.</summary>
    public TimeSpan AreaCloseDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How far back late reports (a gateway's backlog after an outage) still change hourly means.</summary>
    public TimeSpan LateWindow { get; set; } = TimeSpan.FromHours(48);

    /// <summary>Which AQI rules apply: by default HJ 633-2012 before 2026-03-01 and HJ 633-2026 from then.</summary>
    public AqiSelection AqiStandard { get; set; } = AqiSelection.ChinaByDate;

    /// <summary>GB 3096-2008 day period; local hours, the night being the rest.</summary>
    public int NoiseDayStartHour { get; set; } = 6;

    public int NoiseNightStartHour { get; set; } = 22;

    /// <summary>How often device conditions (offline, faulty) are checked for alerts; with the alert policy's clearing
    /// streak this sets how quickly an alert clears.</summary>
    public TimeSpan AlertPeriod { get; set; } = TimeSpan.FromMinutes(1);

    public NoiseSchedule NoiseSchedule => new(NoiseDayStartHour, NoiseNightStartHour);

    public AreaIndicators IndicatorsFor(LocalCalendar calendar) => new(calendar, AqiStandard, NoiseSchedule);
}
