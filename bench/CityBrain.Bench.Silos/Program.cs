using CityBrain.Bench.Silos;

// dotnet run -c Release --project bench/CityBrain.Bench.Silos -- ingest|paced|failover [--option value ...]
var command = args.FirstOrDefault() ?? "ingest";
var options = BenchOptions.Parse(args.Skip(1));
switch (command)
{
    case "ingest": await IngestBenchmark.RunAsync(options); break;
    case "paced": await PacedBenchmark.RunAsync(options); break;
    case "failover": await FailoverBenchmark.RunAsync(options); break;
    default:
        Console.Error.WriteLine("usage: CityBrain.Bench.Silos ingest [--silos 1,2,3] [--embedded yes|no] [--rounds 3] [--messages 40000] [--warmup 20000]");
        Console.Error.WriteLine("                                [--devices 3000] [--connections 1000] [--inflight 2]");
        Console.Error.WriteLine("       CityBrain.Bench.Silos paced [--silos 3] [--embedded yes|no] [--devices 30000] [--interval-s 60]");
        Console.Error.WriteLine("                               [--connections 1000] [--minutes 4] [--warmup-minutes 2]");
        Console.Error.WriteLine("       CityBrain.Bench.Silos failover [--silos 3] [--gateways 300] [--interval-s 1] [--repeat 3]");
        Console.Error.WriteLine("                                [--membership fast|orleans] [--steady-s 20] [--keep-logs no]");
        return 2;
}
return 0;
