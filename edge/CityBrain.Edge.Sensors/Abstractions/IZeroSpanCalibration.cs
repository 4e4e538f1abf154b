namespace CityBrain.Edge.Sensors.Abstractions;

/// <summary>A gas sensor a technician calibrates by hand: its zero point in fresh outdoor air, its span in a bottled
/// calibration gas of known concentration. Both move every later reading, so both refuse while the sensor is still
/// warming up.</summary>
public interface IZeroSpanCalibration
{
    /// <summary>The concentration fresh outdoor air is taken for at the zero point, in the quantity's unit.</summary>
    int FreshAir { get; }

    /// <summary>The span gases the chip accepts now, in the quantity's unit.</summary>
    (int Min, int Max) SpanRange { get; }

    /// <summary>How long until the sensor may be calibrated: what is left of its warm-up since the driver first heard
    /// it (a driver cannot know how long the chip had power before); zero when it may.</summary>
    TimeSpan UntilReady { get; }

    /// <summary>Makes the air around the sensor now read <see cref="FreshAir"/>.</summary>
    /// <returns>The reading just before, i.e. how far off the sensor was.</returns>
    /// <exception cref="InvalidOperationException">The sensor is still warming up.</exception>
    ValueTask<int> CalibrateZeroPointAsync(CancellationToken cancellationToken);

    /// <summary>Makes the gas around the sensor now read <paramref name="concentration"/>. Calibrate the zero point
    /// first: the span is the slope from it.</summary>
    /// <returns>The reading just before.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="concentration"/> is outside <see cref="SpanRange"/>.</exception>
    /// <exception cref="InvalidOperationException">The sensor is still warming up.</exception>
    ValueTask<int> CalibrateSpanAsync(int concentration, CancellationToken cancellationToken);
}
