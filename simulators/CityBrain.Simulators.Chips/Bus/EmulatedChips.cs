using CityBrain.Edge.Sensors.Configuration;
using CityBrain.Simulators.Chips.Ads1115;
using CityBrain.Simulators.Chips.Analog;
using CityBrain.Simulators.Chips.Bh1750;
using CityBrain.Simulators.Chips.Bme280;
using CityBrain.Simulators.Chips.MhZ19b;
using CityBrain.Simulators.Chips.Pms5003;
using CityBrain.Simulators.Chips.Physical;
using CityBrain.Simulators.Chips.Scd4x;
using CityBrain.Simulators.Chips.Sds011;
using CityBrain.Simulators.Chips.Sen5x;
using CityBrain.Simulators.Chips.Sgp41;
using CityBrain.Simulators.Chips.Sht3x;
using CityBrain.Simulators.Chips.Sht4x;
using CityBrain.Simulators.Chips.Sps30;

namespace CityBrain.Simulators.Chips.Bus;

/// <summary>Puts on an emulated bus the chip a configured sensor expects, wired to the air it measures, so that a
/// gateway configured with emulated sensors runs its real drivers unchanged.</summary>
public static class EmulatedChips
{
    /// <summary>Attaches the chip for <paramref name="options"/>; a chip another sensor already put at that address
    /// (two front ends on one ADS1115) gets the new inputs wired to it. A chip of another kind already there stays, as
    /// on a real bus: the driver meets it and says so.</summary>
    /// <exception cref="NotSupportedException">There is no emulator for the sensor's type.</exception>
    public static void Attach(EmulatedSensorBus bus, SensorOptions options, IAmbient air, TimeProvider time)
    {
        var kind = SensorCatalog.Find(options.Type)
            ?? throw new NotSupportedException($"'{options.Type}' is not a sensor type, so there is no chip to emulate for it");
        var address = SensorCatalog.AddressOf(options, kind);
        var busId = options.Bus;
        switch (kind.Type)
        {
            case "sht4x": bus.GetOrAttach(busId, address, () => new Sht4xEmulator(air, time, busId, address)); break;
            case "sht3x": bus.GetOrAttach(busId, address, () => new Sht3xEmulator(air, time, busId, address)); break;
            case "bme280": bus.GetOrAttach(busId, address, () => new Bme280Emulator(air, time, busId, address)); break;
            case "scd4x": bus.GetOrAttach(busId, address, () => new Scd4xEmulator(air, time, busId, address)); break;
            case "bh1750": bus.GetOrAttach(busId, address, () => new Bh1750Emulator(air, time, busId, address)); break;
            case "pms5003": bus.GetOrAttach(options.Port!, () => new Pms5003Emulator(air, time)); break;
            case "sds011": bus.GetOrAttach(options.Port!, () => new Sds011Emulator(air, time)); break;
            case "mhz19b": bus.GetOrAttach(options.Port!, () => new MhZ19bEmulator(air, time)); break;
            case "sen5x": bus.GetOrAttach(busId, address, () => new Sen5xEmulator(air, time, options.Sen5x?.Model ?? "SEN55", busId, address)); break;
            case "sen66": bus.GetOrAttach(busId, address, () => new Sen66Emulator(air, time, busId, address)); break;
            case "sps30": bus.GetOrAttach(busId, address, () => new Sps30Emulator(air, time, busId, address)); break;
            case "sps30-uart": bus.GetOrAttach(options.Port!, () => new Sps30UartEmulator(air, time)); break;
            case "sgp41": bus.GetOrAttach(busId, address, () => new Sgp41Emulator(air, time, busId, address)); break;
            case "ads1115-noise":
                Adc(bus, air, time, busId, address)?.Wire(options.Noise?.Channel ?? 0, SoundMeterSignal.From(air));
                break;
            case "ads1115-gas":
                foreach (var cell in options.Gas?.Cells ?? [])
                {
                    Adc(bus, air, time, busId, cell.Address == 0 ? address : cell.Address)
                        ?.Wire(cell.WorkingChannel, GasCellSignals.Working(cell, air))
                        .Wire(cell.AuxiliaryChannel, GasCellSignals.Auxiliary(cell, air));
                }
                break;
            default:
                throw new NotSupportedException($"there is no emulator for the {kind.Type} yet: set Emulated to false and connect the sensor");
        }
    }

    private static Ads1115Emulator? Adc(EmulatedSensorBus bus, IAmbient air, TimeProvider time, int busId, int address) =>
        bus.GetOrAttach(busId, address, () => new Ads1115Emulator(air, time, busId, address)) as Ads1115Emulator;
}
