using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(DiscussionBot.Benchmarks.InteractionJsonBenchmarks).Assembly).Run(args);
