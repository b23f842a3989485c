using BenchmarkDotNet.Running;
using DiscussionBot.MicroBenchmarks;

if (args.Length > 0 && args[0] == "live-cold-start")
{
    return await LiveColdStart.RunAsync(args[1..], Console.Out);
}

if (args.Length > 0 && args[0] == "http-load")
{
    return await HttpLoad.RunAsync(args[1..], Console.Out);
}

if (args.Length > 0 && args[0] == "live-mixed-load")
{
    return await LiveMixedLoad.RunAsync(args[1..], Console.Out);
}

BenchmarkSwitcher.FromAssembly(typeof(InteractionJsonBenchmarks).Assembly).Run(args);
return 0;
