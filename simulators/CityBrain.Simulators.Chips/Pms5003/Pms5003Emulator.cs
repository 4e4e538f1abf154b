using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Pms5003;
using CityBrain.Simulators.Chips.Physical;
using CityBrain.Simulators.Chips.Uart;
using static CityBrain.Edge.Sensors.Pms5003.Pms5003Commands;

namespace CityBrain.Simulators.Chips.Pms5003;

/// <summary>A PMS5003: active mode after power-up with a report every 2.3 s, passive mode answering each read, mode
/// and sleep commands answered with <c>42 4D 00 04 CMD DATAL</c>, sleep stopping the fan and every frame, wake (not
/// answered) restarting the fan with its warm-up. Frames leave one transmission time (10 bits a byte at 9600 baud)
/// after they are due.</summary>
/// <remarks>Physics, as a model: while the fan spins up (<see cref="SpinUp"/>) every frame is all zero; until the
/// warm-up ends the fan draws too little air and the values read low in proportion; after it the atmospheric values
/// are the air's, rounded to 1 µg/m³. CF=1 equals atmospheric up to 30 µg/m³ and rises 1.5 times as fast above (as
/// field data show); the particle counts are a rough fixed size distribution, enough to be consistent with the mass.</remarks>
public sealed class Pms5003Emulator(IAmbient ambient, TimeProvider time, int seed = 5003)
    : UartEmulator(ambient, time, Pms5003FrameFormat.FromHost, Pms5003Commands.BaudRate, seed)
{
    /// <summary>After power-up or wake-up, how long the chip sends all-zero frames (model).</summary>
    public static readonly TimeSpan SpinUp = TimeSpan.FromSeconds(5);

    private DateTimeOffset _fanStarted;

    public Pms5003Mode Mode { get; private set; }

    public bool Asleep { get; private set; }

    protected override TimeSpan? ReportInterval => Mode == Pms5003Mode.Active && !Asleep ? Pms5003Commands.ReportInterval : null;

    protected override void PowerUp(DateTimeOffset poweredAt)
    {
        Mode = Pms5003Mode.Active;
        Asleep = false;
        _fanStarted = poweredAt;
    }

    protected override void OnCommand(byte[] frame, DateTimeOffset now)
    {
        var (command, data) = (frame[2], frame[4]);
        switch (command, data)
        {
            case (ChangeMode, 0 or 1):
                Mode = data == 1 ? Pms5003Mode.Active : Pms5003Mode.Passive;
                Acknowledge(command, data, now);
                RestartReports(now);
                break;
            case (ReadInPassiveMode, 0) when !Asleep:
                Transmit(Report(now), now);
                break;
            case (ChangeSleep, 0):
                Asleep = true;
                Acknowledge(command, data, now);
                RestartReports(now);
                break;
            case (ChangeSleep, 1) when Asleep:
                Asleep = false;
                _fanStarted = now;
                RestartReports(now);
                break;
        }
    }

    protected override byte[] Report(DateTimeOffset at)
    {
        var running = at - _fanStarted;
        if (running < SpinUp) return default(Pms5003Measurement).ToFrame();
        var draw = running >= WarmUpTime ? 1 : running / WarmUpTime;
        var (pm1, pm2_5, pm10) = (Mass(Quantity.Pm1, at, draw), Mass(Quantity.Pm2_5, at, draw), Mass(Quantity.Pm10, at, draw));
        return new Pms5003Measurement(
            Word(Standard(pm1)), Word(Standard(pm2_5)), Word(Standard(pm10)),
            Word(pm1), Word(pm2_5), Word(pm10),
            Word(60 * pm1 + 20 * pm2_5 + 5 * pm10), Word(18 * pm1 + 6 * pm2_5 + 2 * pm10), Word(pm1 + 2 * pm2_5 + pm10),
            Word(0.3 * (pm2_5 + pm10)), Word(0.1 * pm10), Word(0.02 * pm10),
            Reserved: 0).ToFrame();
    }

    private double Mass(Quantity quantity, DateTimeOffset at, double draw) => Math.Max(0, Measure(quantity, at)) * draw;

    private static double Standard(double atmospheric) => atmospheric <= 30 ? atmospheric : 30 + 1.5 * (atmospheric - 30);

    private static ushort Word(double value) => (ushort)Math.Clamp(Math.Round(value, MidpointRounding.AwayFromZero), 0, ushort.MaxValue);

    private void Acknowledge(byte command, byte data, DateTimeOffset now) => Transmit(Answer(command, data), now);

    private void Transmit(byte[] frame, DateTimeOffset now) => Send(frame, now + TimeSpan.FromSeconds(frame.Length * 10.0 / BaudRate));
}
