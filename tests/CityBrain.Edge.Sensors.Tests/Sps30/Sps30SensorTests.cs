using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Abstractions;
using CityBrain.Edge.Sensors.Sensirion;
using CityBrain.Edge.Sensors.Sps30;
using CityBrain.Simulators.Chips.Faults;
using CityBrain.Simulators.Chips.Physical;
using CityBrain.Simulators.Chips.Sps30;

namespace CityBrain.Edge.Sensors.Tests.Sps30;

public enum Sps30Link
{
    I2c,
    Uart,
}

/// <summary>The driver against its emulators, the same tests on both links.</summary>
public sealed class Sps30SensorTests
{
    private static readonly Quantity[] Published =
        [Quantity.Pm1, Quantity.Pm2_5, Quantity.Pm4, Quantity.Pm10, Quantity.Nc0_5, Quantity.Nc1, Quantity.Nc2_5, Quantity.Nc4, Quantity.Nc10];

    private readonly ChipClock _clock = new();
    private readonly Ambient _air = new Ambient()
        .Set(Quantity.Pm1, 12.25).Set(Quantity.Pm2_5, 25.5).Set(Quantity.Pm4, 33.75).Set(Quantity.Pm10, 40.125)
        .Set(Quantity.Nc0_5, 170.5).Set(Quantity.Nc1, 195.25).Set(Quantity.Nc2_5, 200.5).Set(Quantity.Nc4, 201.75).Set(Quantity.Nc10, 202.5);
    private readonly Sps30Emulator _i2c;
    private readonly Sps30UartEmulator _uart;

    public Sps30SensorTests()
    {
        _i2c = new Sps30Emulator(_air, _clock);
        _uart = new Sps30UartEmulator(_air, _clock);
    }

    public static TheoryData<Sps30Link> Links => [Sps30Link.I2c, Sps30Link.Uart];

    /// <summary>A scripted SPS30 answers every frame but the lone wake pulse byte.</summary>
    private static bool AnsweredFrame(byte[] written) => written.Length > 1;

    private Sps30Chip Chip(Sps30Link link) => link == Sps30Link.I2c ? _i2c.Chip : _uart.Chip;

    private ChipFaults Faults(Sps30Link link) => link == Sps30Link.I2c ? _i2c.Faults : _uart.Faults;

    /// <summary>Every I2C connection a test opened, to look at the bytes the driver wrote.</summary>
    private readonly List<RecordingI2cDevice> _buses = [];

    private Sps30Sensor Sensor(Sps30Link link, Sps30Settings? settings = null)
    {
        if (link == Sps30Link.Uart) return new Sps30Sensor(_uart, "sps30-uart@ttyUSB0", _clock, settings);
        var bus = new RecordingI2cDevice(_i2c);
        _buses.Add(bus);
        return new Sps30Sensor(bus, "sps30@1:0x69", _clock, settings);
    }

    private Task<IReadOnlyList<SensorSample>> Read(Sps30Sensor sensor) => _clock.Run(() => sensor.ReadAsync(CancellationToken.None));

    private Task<bool> Run(Func<CancellationToken, ValueTask> operation) => _clock.Run(async () =>
    {
        await operation(CancellationToken.None);
        return true;
    });

    /// <summary>Lets chip time pass as a driver's wait does (a UART read may be pending on the port).</summary>
    private Task Wait(TimeSpan time) => _clock.Run(async () =>
    {
        await Task.Delay(time, _clock);
        return true;
    });

    /// <summary>A sensor read once and past its start-up time.</summary>
    private async Task<Sps30Sensor> Started(Sps30Link link, Sps30Settings? settings = null)
    {
        var sensor = Sensor(link, settings);
        await Read(sensor);
        await Wait(Sps30Commands.StartUpTime);
        return sensor;
    }

    private static double Value(IReadOnlyList<SensorSample> samples, Quantity quantity) => samples.Single(s => s.Quantity == quantity).Value;

    private void AssertAir(IReadOnlyList<SensorSample> samples, Quality quality = Quality.Ok)
    {
        Assert.Equal(Published, samples.Select(s => s.Quantity));
        foreach (var sample in samples)
        {
            Assert.Equal((float)_air.Value(sample.Quantity, _clock.GetUtcNow()), sample.Value);
            Assert.Equal(quality, sample.Quality);
        }
    }

    [Theory]
    [MemberData(nameof(Links))]
    public async Task Set_up_stops_reads_the_firmware_clears_the_status_and_starts_float_measurement_with_the_datasheet_bytes(Sps30Link link)
    {
        var sensor = Sensor(link);

        await Read(sensor);

        Assert.Equal(Sps30Mode.Measuring, Chip(link).Mode);
        if (link == Sps30Link.I2c)
        {
            Assert.Equal([0x0104, 0xD100, 0xD206, 0xD210, 0x0010], _i2c.Commands.Take(5));
        }
        else
        {
            Assert.Equal(
                [Shdlc.Mosi(0x01, []), Shdlc.Mosi(0xD1, []), Shdlc.Mosi(0xD2, [0x01]), Convert.FromHexString("7E0000020103F97E")],
                _uart.ReceivedCommands.Take(4));
        }
    }

    [Fact]
    public async Task The_I2C_start_command_carries_the_float_format_word_with_its_crc()
    {
        var bus = new RecordingI2cDevice(_i2c);
        var sensor = new Sps30Sensor(bus, "sps30", _clock);

        await Read(sensor);

        Assert.Contains(bus.Writes, w => w.SequenceEqual(new byte[] { 0x00, 0x10, 0x03, 0x00, 0xAC }));
        Assert.Equal(0xAC, SensirionCrc.Compute(0x03, 0x00));
    }

    /// <summary>PM1 1.0, PM2.5 2.5, PM4 4.0, PM10 10.0 µg/m³; NC0.5 0.5, NC1 1.5, NC2.5 100, NC4 1000, NC10 2816 #/cm³;
    /// typical size 0.75 µm: IEEE 754 single precision, high word first.</summary>
    private static readonly ushort[] KnownFloats =
        [0x3F80, 0, 0x4020, 0, 0x4080, 0, 0x4120, 0, 0x3F00, 0, 0x3FC0, 0, 0x42C8, 0, 0x447A, 0, 0x4530, 0, 0x3F40, 0];

    private static readonly double[] KnownValues = [1.0, 2.5, 4.0, 10.0, 0.5, 1.5, 100, 1000, 2816];

    private static byte[] WithCrc(params ushort[] words)
    {
        var bytes = new byte[3 * words.Length];
        for (var i = 0; i < words.Length; i++) SensirionCrc.WriteWord(bytes.AsSpan(3 * i), words[i]);
        return bytes;
    }

    [Fact]
    public async Task Floats_are_decoded_from_I2C_words_each_with_its_crc()
    {
        // Answers in the order the driver reads: version 2.2, status, data ready, the values, status.
        var chip = new ScriptedI2cDevice(WithCrc(0x0202), WithCrc(0, 0), WithCrc(1), WithCrc(KnownFloats), WithCrc(0, 0));
        var sensor = new Sps30Sensor(chip, "sps30", _clock);

        var samples = await Read(sensor);

        Assert.Equal(KnownValues, samples.Select(s => s.Value));
        Assert.Equal(0.75, sensor.TypicalParticleSize);
        Assert.Equal([0x03, 0x00], chip.Writes[^2]);
    }

    [Fact]
    public async Task The_same_floats_are_decoded_from_an_SHDLC_frame_by_the_same_decoder()
    {
        var port = new ScriptedPort(_clock, AnsweredFrame,
            Shdlc.Miso(0x01, 0, []), Shdlc.Miso(0xD1, 0, [2, 2, 0, 7, 0, 2, 0]), Shdlc.Miso(0xD2, 0, [0, 0, 0, 0, 0]),
            Shdlc.Miso(0x00, 0, []), Shdlc.Miso(0x03, 0, SensirionWords.ToBytes(KnownFloats)), Shdlc.Miso(0xD2, 0, [0, 0, 0, 0, 0]));
        var sensor = new Sps30Sensor(port, "sps30-uart", _clock);

        var samples = await Read(sensor);

        Assert.Equal(KnownValues, samples.Select(s => s.Value));
        Assert.Equal(0.75, sensor.TypicalParticleSize);
        Assert.Equal(Convert.FromHexString("7E000300FC7E"), port.Writes[^2]);
    }

    [Theory]
    [MemberData(nameof(Links))]
    public async Task Values_round_trip_as_floats_over_the_whole_range(Sps30Link link)
    {
        var sensor = await Started(link);
        var random = new Random(30);
        for (var i = 0; i < 50; i++)
        {
            foreach (var q in Published)
            {
                _air.Set(q, random.NextDouble() * (q is Quantity.Pm1 or Quantity.Pm2_5 or Quantity.Pm4 or Quantity.Pm10 ? 1000 : 3000));
            }
            await Wait(Sps30Commands.SamplingInterval);

            AssertAir(await Read(sensor));
        }
        Assert.Equal(Sps30Chip.TypicalParticleSize, sensor.TypicalParticleSize!.Value, 6);
    }

    [Theory]
    [MemberData(nameof(Links))]
    public async Task Each_read_waits_for_the_next_measurement_of_the_second(Sps30Link link)
    {
        var sensor = await Started(link);
        await Read(sensor);

        var (_, took) = await _clock.Timed(() => sensor.ReadAsync(CancellationToken.None));

        Assert.InRange(took.TotalSeconds, 0.5, 1.3);
    }

    [Theory]
    [MemberData(nameof(Links))]
    public async Task Values_within_the_start_up_time_are_suspect(Sps30Link link)
    {
        var sensor = Sensor(link);

        var first = await Read(sensor);
        await Wait(Sps30Commands.StartUpTime);
        var later = await Read(sensor);

        AssertAir(first, Quality.Suspect);
        Assert.Contains("start-up", first[0].Reason);
        AssertAir(later);
    }

    [Theory]
    [MemberData(nameof(Links))]
    public async Task Identity_is_the_product_type_serial_number_and_firmware(Sps30Link link)
    {
        var sensor = Sensor(link);

        var identity = await _clock.Run(() => sensor.IdentifyAsync(CancellationToken.None));

        Assert.Equal(new SensorIdentity("SPS30", "product type 00080000, firmware 2.2", Chip(link).SerialNumber), identity);
        Assert.Equal("2.2", sensor.FirmwareVersion);
    }

    [Fact]
    public async Task A_chip_whose_product_type_is_not_00080000_is_rejected_on_I2C()
    {
        // Another chip at 0x69 that answers the product-type command: "SEN5" is not "0008".
        var words = SensirionWords.FromText("SEN55", 4);
        var answer = new byte[12];
        for (var i = 0; i < 4; i++) SensirionCrc.WriteWord(answer.AsSpan(3 * i), words[i]);
        var sensor = new Sps30Sensor(new ScriptedI2cDevice(answer), "sps30", _clock);

        var error = await Assert.ThrowsAsync<SensorIdentityException>(() => _clock.Run(() => sensor.IdentifyAsync(CancellationToken.None)));

        Assert.Contains("'SEN55' is not an SPS30's (00080000)", error.Message);
    }

    [Fact]
    public async Task A_chip_whose_product_type_is_not_00080000_is_rejected_on_the_UART()
    {
        var port = new ScriptedPort(_clock, AnsweredFrame, Shdlc.Miso(0xD0, 0, [.. "00080001"u8, 0]));
        var sensor = new Sps30Sensor(port, "sps30-uart", _clock);

        await Assert.ThrowsAsync<SensorIdentityException>(() => _clock.Run(() => sensor.IdentifyAsync(CancellationToken.None)));
        Assert.Equal(Convert.FromHexString("7E00D001002E7E"), port.Writes[0]);
    }

    [Fact]
    public async Task A_chip_that_does_not_know_the_product_type_command_is_not_an_SPS30()
    {
        var other = new CityBrain.Simulators.Chips.Scd4x.Scd4xEmulator(_air, _clock, 1, 0x69);
        var sensor = new Sps30Sensor(other, "sps30", _clock);

        await Assert.ThrowsAnyAsync<SensorException>(() => _clock.Run(() => sensor.IdentifyAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task The_real_chip_answer_to_the_product_type_reads_as_an_SPS30()
    {
        var port = new ScriptedPort(_clock, AnsweredFrame,
            Convert.FromHexString("7E00D000093030303830303030009E7E"),
            Shdlc.Miso(0xD0, 0, [.. "8CCABCFAE3201F49"u8, 0]),
            Shdlc.Miso(0xD1, 0, [2, 2, 0, 7, 0, 2, 0]));
        var sensor = new Sps30Sensor(port, "sps30-uart", _clock);

        var identity = await _clock.Run(() => sensor.IdentifyAsync(CancellationToken.None));

        Assert.Equal("8CCABCFAE3201F49", identity.SerialNumber);
        Assert.Equal("2.2", sensor.FirmwareVersion);
    }

    [Theory]
    [MemberData(nameof(Links))]
    public async Task A_corrupt_crc_or_checksum_is_an_error_never_a_value(Sps30Link link)
    {
        var sensor = await Started(link);
        Faults(link).CorruptChecksum = true;

        await Assert.ThrowsAsync<SensorChecksumException>(() => Read(sensor));
        Faults(link).CorruptChecksum = false;
        await Wait(Sps30Commands.SamplingInterval);
        AssertAir(await Read(sensor));
    }

    [Fact]
    public async Task Garbage_on_the_UART_is_skipped()
    {
        var sensor = await Started(Sps30Link.Uart);
        _uart.Faults.Garbage = true;

        for (var i = 0; i < 10; i++)
        {
            await Wait(Sps30Commands.SamplingInterval);
            AssertAir(await Read(sensor));
        }
    }

    [Fact]
    public async Task A_state_byte_error_is_a_nack_naming_the_command_and_the_error()
    {
        var sensor = await Started(Sps30Link.Uart);
        _uart.Chip.Stop();

        var error = await Assert.ThrowsAsync<SensorNackException>(() => Run(sensor.StartFanCleaningAsync));

        Assert.Contains("command 0x56 with state 0x43: command not allowed in the current state", error.Message);
    }

    [Fact]
    public async Task An_unknown_command_state_from_the_chip_is_named()
    {
        var port = new ScriptedPort(_clock, AnsweredFrame, Shdlc.Miso(0xD0, 0x02, []));
        var sensor = new Sps30Sensor(port, "sps30-uart", _clock);

        var error = await Assert.ThrowsAsync<SensorNackException>(() => _clock.Run(() => sensor.IdentifyAsync(CancellationToken.None)));

        Assert.Contains("state 0x02: unknown command", error.Message);
    }

    [Theory]
    [MemberData(nameof(Links))]
    public async Task An_unplugged_chip_fails_and_after_replugging_is_set_up_again(Sps30Link link)
    {
        var sensor = await Started(link);
        Faults(link).Unplugged = true;

        var error = await Assert.ThrowsAnyAsync<SensorException>(() => Read(sensor));
        Assert.IsType(link == Sps30Link.I2c ? typeof(SensorAbsentException) : typeof(SensorTimeoutException), error);
        Faults(link).Unplugged = false;

        var samples = await Read(sensor);

        Assert.Equal(Sps30Mode.Measuring, Chip(link).Mode);
        AssertAir(samples, Quality.Suspect);
    }

    [Theory]
    [MemberData(nameof(Links))]
    public async Task A_blocked_fan_makes_the_values_suspect_until_the_fault_is_gone_and_the_chip_set_up_again(Sps30Link link)
    {
        var sensor = await Started(link);
        Chip(link).FanBlocked = true;
        // The chip checks the fan once a second and flags it after two failed checks.
        await Wait(TimeSpan.FromSeconds(2));

        var blocked = await Read(sensor);
        Chip(link).FanBlocked = false;
        await Wait(TimeSpan.FromSeconds(1));
        var sticky = await Read(sensor);
        var status = await _clock.Run(() => sensor.ReadStatusAsync(clear: true, CancellationToken.None));
        await Wait(TimeSpan.FromSeconds(1));
        var cleared = await Read(sensor);

        AssertAir(blocked, Quality.Suspect);
        Assert.Contains("fan error", blocked[0].Reason);
        AssertAir(sticky, Quality.Suspect);
        Assert.Equal(Sps30Status.FanError, status);
        AssertAir(cleared);
    }

    [Theory]
    [MemberData(nameof(Links))]
    public async Task Laser_error_and_fan_speed_warning_make_the_values_suspect_with_their_reasons(Sps30Link link)
    {
        var sensor = await Started(link);
        Chip(link).LaserFailing = true;
        Chip(link).FanSpeedOff = true;
        await Wait(TimeSpan.FromSeconds(2));

        var samples = await Read(sensor);
        var status = await _clock.Run(() => sensor.ReadStatusAsync(clear: false, CancellationToken.None));

        Assert.Equal(Sps30Status.LaserError | Sps30Status.SpeedWarning, status);
        AssertAir(samples, Quality.Suspect);
        Assert.Contains("laser error", samples[0].Reason);
        Assert.Contains("fan speed warning", samples[0].Reason);
    }

    [Theory]
    [MemberData(nameof(Links))]
    public async Task Firmware_before_2_2_has_no_status_register_and_is_read_without_it(Sps30Link link)
    {
        Sps30Sensor sensor = link == Sps30Link.I2c
            ? new(new Sps30Emulator(_air, _clock, firmwareMinor: 1), "sps30", _clock)
            : new(new Sps30UartEmulator(_air, _clock, firmwareMinor: 1), "sps30-uart", _clock);

        await Read(sensor);
        await Wait(Sps30Commands.StartUpTime);

        AssertAir(await Read(sensor));
        Assert.Equal("2.1", sensor.FirmwareVersion);
    }

    [Fact]
    public void The_status_register_bits_are_the_datasheet_ones()
    {
        Assert.Equal(0x0000_0010u, (uint)Sps30Status.FanError);
        Assert.Equal(0x0000_0020u, (uint)Sps30Status.LaserError);
        Assert.Equal(0x0020_0000u, (uint)Sps30Status.SpeedWarning);
        Assert.Equal((Quality.Ok, (string?)null), Sps30StatusAssessment.Assess(Sps30Status.None));
    }

    [Theory]
    [MemberData(nameof(Links))]
    public async Task A_fan_cleaning_flags_the_values_for_its_ten_seconds(Sps30Link link)
    {
        var sensor = await Started(link);

        await Run(sensor.StartFanCleaningAsync);
        var during = await Read(sensor);
        await Wait(Sps30Commands.CleaningTime);
        var after = await Read(sensor);

        Assert.Equal(1, Chip(link).FanCleanings);
        AssertAir(during, Quality.Suspect);
        Assert.Contains("fan cleaning", during[0].Reason);
        AssertAir(after);
    }

    [Theory]
    [MemberData(nameof(Links))]
    public async Task A_fan_cleaning_before_the_first_read_is_refused_by_the_driver(Sps30Link link) =>
        await Assert.ThrowsAsync<InvalidOperationException>(() => Run(Sensor(link).StartFanCleaningAsync));

    [Theory]
    [MemberData(nameof(Links))]
    public async Task The_cleaning_interval_is_written_only_when_the_chip_holds_another(Sps30Link link)
    {
        var settings = new Sps30Settings { AutoCleaningIntervalHours = 24 };
        // Not disposed: on the UART it would close the emulated port the second sensor uses.
        await Read(Sensor(link, settings));
        var writesAfterFirst = CleaningIntervalWrites(link);
        Faults(link).Unplugged = true;
        Faults(link).Unplugged = false;

        await Read(Sensor(link, settings));

        Assert.Equal(24u * 3600, Chip(link).CleaningIntervalSeconds);
        Assert.Equal(1, writesAfterFirst);
        Assert.Equal(1, CleaningIntervalWrites(link));
    }

    /// <summary>Writes of the interval: on I2C the command with two argument words, on the UART the frame with five data bytes.</summary>
    private int CleaningIntervalWrites(Sps30Link link) => link == Sps30Link.I2c
        ? _buses.SelectMany(b => b.Writes).Count(w => w.Length == 8 && w[0] == 0x80 && w[1] == 0x04)
        : _uart.ReceivedCommands.Count(c => ShdlcFrameFormat.Mosi.Parse(c) is { Command: 0x80, Data.Length: 5 });

    [Fact]
    public void Settings_validate_the_cleaning_interval()
    {
        Assert.Empty(new Sps30Settings { AutoCleaningIntervalHours = 0 }.Validate());
        Assert.Empty(new Sps30Settings { AutoCleaningIntervalHours = 168 }.Validate());
        Assert.Single(new Sps30Settings { AutoCleaningIntervalHours = -1 }.Validate());
        Assert.Single(new Sps30Settings { AutoCleaningIntervalHours = Sps30Settings.MaxCleaningIntervalHours + 1 }.Validate());
    }

    [Theory]
    [MemberData(nameof(Links))]
    public async Task Sleep_stops_the_chip_and_the_next_read_wakes_it_and_measures_again(Sps30Link link)
    {
        var sensor = await Started(link);

        await Run(sensor.SleepAsync);
        Assert.Equal(Sps30Mode.Sleeping, Chip(link).Mode);
        await Wait(TimeSpan.FromMinutes(5));
        var samples = await Read(sensor);

        Assert.Equal(Sps30Mode.Measuring, Chip(link).Mode);
        AssertAir(samples, Quality.Suspect);
    }

    [Theory]
    [MemberData(nameof(Links))]
    public async Task Identifying_a_chip_put_to_sleep_wakes_it_first(Sps30Link link)
    {
        var sensor = await Started(link);
        await Run(sensor.SleepAsync);

        var identity = await _clock.Run(() => sensor.IdentifyAsync(CancellationToken.None));

        Assert.Equal(Chip(link).SerialNumber, identity.SerialNumber);
        Assert.Equal(Sps30Mode.Idle, Chip(link).Mode);
    }

    [Theory]
    [MemberData(nameof(Links))]
    public async Task Wake_brings_a_sleeping_chip_to_idle(Sps30Link link)
    {
        var sensor = await Started(link);
        await Run(sensor.SleepAsync);

        await Run(sensor.WakeAsync);

        Assert.Equal(Sps30Mode.Idle, Chip(link).Mode);
    }

    [Theory]
    [MemberData(nameof(Links))]
    public async Task A_mass_beyond_the_datasheet_range_is_a_range_error(Sps30Link link)
    {
        _air.Set(Quantity.Pm10, 1200);
        await Assert.ThrowsAsync<SensorRangeException>(() => Read(Sensor(link)));
    }
}
