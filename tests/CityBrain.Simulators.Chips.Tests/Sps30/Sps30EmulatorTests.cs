using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Sensirion;
using CityBrain.Edge.Sensors.Sps30;
using CityBrain.Simulators.Chips.Physical;
using CityBrain.Simulators.Chips.Sps30;
using Microsoft.Extensions.Time.Testing;
using static CityBrain.Edge.Sensors.Sps30.Sps30Commands;

namespace CityBrain.Simulators.Chips.Tests.Sps30;

public class Sps30EmulatorTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));
    private readonly Ambient _air = new Ambient().Set(Quantity.Pm2_5, 18.5).Set(Quantity.Nc10, 240.25);
    private readonly Sps30Emulator _i2c;
    private readonly Sps30UartEmulator _uart;

    public Sps30EmulatorTests()
    {
        _i2c = new Sps30Emulator(_air, _clock);
        _uart = new Sps30UartEmulator(_air, _clock);
    }

    private void Send(ushort command, params ushort[] arguments)
    {
        var frame = new byte[2 + 3 * arguments.Length];
        (frame[0], frame[1]) = ((byte)(command >> 8), (byte)command);
        for (var i = 0; i < arguments.Length; i++) SensirionCrc.WriteWord(frame.AsSpan(2 + 3 * i), arguments[i]);
        _i2c.Write(frame);
    }

    private ushort[] Query(ushort command, int words)
    {
        Send(command);
        _clock.Advance(ShortCommandTime);
        var answer = new byte[words * 3];
        _i2c.Read(answer);
        return [.. Enumerable.Range(0, words).Select(i => SensirionCrc.ReadWord(answer, i) ?? throw new InvalidDataException("bad CRC"))];
    }

    /// <summary>Sends an SHDLC command and returns the chip's answer, or null when it stays silent.</summary>
    private async Task<ShdlcFrame?> Ask(byte command, params byte[] data)
    {
        await _uart.WriteAsync(Shdlc.Mosi(command, data));
        _clock.Advance(TimeSpan.FromMilliseconds(10));
        using var silent = new CancellationTokenSource();
        var buffer = new byte[512];
        var read = _uart.ReadAsync(buffer.AsMemory(), silent.Token).AsTask();
        if (read.IsCompleted) return ShdlcFrameFormat.Miso.Parse(buffer.AsSpan(0, await read));
        // Nothing on the wire: the read must not stay pending and take the next answer.
        await silent.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
        return null;
    }

    [Fact]
    public void On_I2C_a_measurement_becomes_ready_every_second_and_is_read_once()
    {
        Send(OverI2c.StartMeasurement, 0x0300);
        Assert.Equal((ushort)0, Query(OverI2c.ReadDataReady, 1)[0]);

        _clock.Advance(SamplingInterval);
        Assert.Equal((ushort)1, Query(OverI2c.ReadDataReady, 1)[0]);
        var measurement = Sps30Measurement.FromWords(Query(OverI2c.ReadMeasuredValues, Sps30Measurement.Words));

        Assert.Equal(18.5f, measurement.Pm2_5);
        Assert.Equal(240.25f, measurement.Nc10);
        Assert.Equal((ushort)0, Query(OverI2c.ReadDataReady, 1)[0]);
    }

    [Fact]
    public void On_I2C_unknown_commands_and_commands_the_mode_forbids_are_nacked()
    {
        Assert.Throws<IOException>(() => Send(0xD014));
        Assert.Throws<IOException>(() => Send(OverI2c.StartFanCleaning));
        Send(OverI2c.StartMeasurement, 0x0300);
        Assert.Throws<IOException>(() => Send(OverI2c.StartMeasurement, 0x0300));
        Assert.Throws<IOException>(() => Send(OverI2c.StartMeasurement, 0x0500));
    }

    [Fact]
    public void On_I2C_identity_words_are_the_product_type_serial_number_and_version()
    {
        Assert.Equal("00080000", SensirionWords.Text(Query(OverI2c.ReadProductType, OverI2c.ProductTypeWords)));
        Assert.Equal(_i2c.Chip.SerialNumber, SensirionWords.Text(Query(OverI2c.ReadSerialNumber, OverI2c.SerialNumberWords)));
        Assert.Equal((ushort)0x0202, Query(OverI2c.ReadVersion, 1)[0]);
    }

    [Fact]
    public void On_I2C_a_sleeping_chip_nacks_the_first_transfer_and_wakes_on_the_wake_up_within_100_ms()
    {
        Send(OverI2c.Sleep);

        Assert.Throws<IOException>(() => Send(OverI2c.WakeUp));
        Send(OverI2c.WakeUp);

        Assert.Equal(Sps30Mode.Idle, _i2c.Chip.Mode);
    }

    [Fact]
    public void The_fan_error_is_sticky_until_the_status_register_is_cleared()
    {
        _i2c.Chip.FanBlocked = true;
        Send(OverI2c.StartMeasurement, 0x0300);
        _clock.Advance(TimeSpan.FromSeconds(2));
        _i2c.Chip.FanBlocked = false;

        var status = Query(OverI2c.ReadStatusRegister, 2);
        Assert.Equal((ushort)0x0010, status[1]);
        Send(OverI2c.ClearStatusRegister);
        Assert.Equal([(ushort)0, (ushort)0], Query(OverI2c.ReadStatusRegister, 2));
    }

    [Fact]
    public void The_cleaning_interval_survives_a_power_cycle()
    {
        Assert.Equal([(ushort)0x0009, (ushort)0x3A80], Query(OverI2c.AutoCleaningInterval, 2));
        Send(OverI2c.AutoCleaningInterval, 0x0001, 0x5180);
        _i2c.Faults.Unplugged = true;
        _i2c.Faults.Unplugged = false;

        Assert.Equal([(ushort)0x0001, (ushort)0x5180], Query(OverI2c.AutoCleaningInterval, 2));
    }

    [Fact]
    public async Task On_the_UART_every_command_is_answered_with_its_state()
    {
        Assert.Equal(new byte?(0), (await Ask(OverUart.StartMeasurement, 0x01, 0x03))!.State);
        Assert.Equal(new byte?(0x43), (await Ask(OverUart.StartMeasurement, 0x01, 0x03))!.State);
        Assert.Equal(new byte?(0x02), (await Ask(0x42))!.State);
        Assert.Equal(new byte?(0x01), (await Ask(OverUart.StopMeasurement, 0x00))!.State);
        Assert.Equal(new byte?(0x04), (await Ask(OverUart.DeviceInformation, 0x07))!.State);
    }

    [Fact]
    public async Task On_the_UART_a_measurement_is_40_bytes_of_floats_and_none_is_empty()
    {
        await Ask(OverUart.StartMeasurement, 0x01, 0x03);
        Assert.Empty((await Ask(OverUart.ReadMeasuredValues))!.Data);

        _clock.Advance(SamplingInterval);
        var answer = await Ask(OverUart.ReadMeasuredValues);

        Assert.Equal(40, answer!.Data.Length);
        Assert.Equal(18.5f, Sps30Measurement.FromBytes(answer.Data).Pm2_5);
    }

    [Fact]
    public async Task On_the_UART_the_product_type_is_the_real_chip_frame()
    {
        await _uart.WriteAsync(Shdlc.Mosi(OverUart.DeviceInformation, [OverUart.ProductTypeInfo]));
        _clock.Advance(TimeSpan.FromMilliseconds(10));
        var buffer = new byte[64];

        var count = await _uart.ReadAsync(buffer.AsMemory());

        Assert.Equal(Convert.FromHexString("7E00D000093030303830303030009E7E"), buffer[..count]);
    }

    [Fact]
    public async Task On_the_UART_a_sleeping_chip_answers_only_the_wake_up()
    {
        await Ask(OverUart.Sleep);

        Assert.Null(await Ask(OverUart.ReadVersion));
        Assert.Equal(new byte?(0), (await Ask(OverUart.WakeUp))!.State);
        Assert.Equal(Sps30Mode.Idle, _uart.Chip.Mode);
    }

    [Fact]
    public async Task On_the_UART_the_status_register_reports_the_laser_error_and_clears_on_request()
    {
        _uart.Chip.LaserFailing = true;
        await Ask(OverUart.StartMeasurement, 0x01, 0x03);
        _clock.Advance(TimeSpan.FromSeconds(2));
        _uart.Chip.LaserFailing = false;

        Assert.Equal([0, 0, 0, 0x20, 0], (await Ask(OverUart.ReadStatusRegister, 0x01))!.Data);
        Assert.Equal([0, 0, 0, 0, 0], (await Ask(OverUart.ReadStatusRegister, 0x00))!.Data);
    }
}
