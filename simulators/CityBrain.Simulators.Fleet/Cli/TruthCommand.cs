using System.CommandLine;
using System.Globalization;
using CityBrain.Simulators.Fleet.GroundTruth;

namespace CityBrain.Simulators.Fleet.Cli;

/// <summary><c>citybrain-fleet truth truth.db</c>: what a run delivered, as hourly district means.</summary>
internal static class TruthCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("truth") { Description = "A ground-truth file written by run --truth" };
        var district = new Option<string?>("--district") { Description = "Only this district" };
        var quantity = new Option<string?>("--quantity") { Description = "Only this quantity (wire name, e.g. pm2_5)" };
        var command = new Command("truth", "Print the hourly district means a run delivered") { file, district, quantity };
        command.SetAction(async result =>
        {
            var output = result.InvocationConfiguration.Output;
            GroundTruthReader reader;
            try
            {
                reader = GroundTruthReader.Open(result.GetRequiredValue(file).FullName);
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException)
            {
                await result.InvocationConfiguration.Error.WriteLineAsync($"citybrain-fleet truth: {ex.Message}");
                return 2;
            }
            foreach (var (key, value) in reader.Run.OrderBy(kv => kv.Key, StringComparer.Ordinal)) await output.WriteLineAsync($"{key,-16} {value}");
            await output.WriteLineAsync($"{"district",-16} {"quantity",-12} {"hour (UTC)",-20} {"mean",10} {"readings",9}");
            foreach (var h in reader.DistrictHourly(result.GetValue(district), result.GetValue(quantity)))
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{h.District,-16} {h.Quantity,-12} {h.Hour:yyyy-MM-dd HH:mm}Z    {h.Mean,10:0.##} {h.Count,9}"));
            }
            return 0;
        });
        return command;
    }
}
