using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using DiscussionBot.Discord.Models;
using DiscussionBot.TestKit.FakeDiscord;

namespace DiscussionBot.MicroBenchmarks;

/// <summary>
/// Http mode through loopback: starts N replicas of the built app (separate processes, each on its own copy of the
/// prepared SQLite store, Discord:Mode=Http) against TestKit's fake Discord for REST, then sends signed <c>/quote</c>
/// interactions at fixed open-loop rates, round-robin over the replicas as a load balancer would. Latency is from
/// sending the POST to its response (the answer inline, or the deferral). Reports p50/p99 per rate and the highest rate
/// whose p99 stays within 100 ms with every interaction answered.
/// </summary>
public static class HttpLoad
{
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(100);

    private static readonly string[] Queries =
    [
        "effect of treatment on mortality", "what are the risks for patients", "is there evidence that it works",
        "how many people were affected", "what caused the increase", "gene expression in cancer cells",
        "vitamin d deficiency", "immune response to infection", "blood pressure in older adults", "antibiotic resistance",
    ];

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        if (args.Length < 3)
        {
            await output.WriteLineAsync("usage: http-load <prepared store.db> <seeds folder> <DiscussionBot.dll> [replicas=1] [seconds=15] [rates=5,10,20,40] [mode=Embedding]");
            return 2;
        }

        string store = Path.GetFullPath(args[0]);
        string seeds = Path.GetFullPath(args[1]);
        string app = Path.GetFullPath(args[2]);
        int replicas = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1;
        int seconds = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 15;
        int[] rates = args.Length > 5 ? [.. args[5].Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture))] : [5, 10, 20, 40];
        string mode = args.Length > 6 ? args[6] : "Embedding";

        await using FakeDiscordServer discord = await FakeDiscordServer.StartAsync();
        using var signer = new InteractionSigner();
        string folder = Path.Combine(Path.GetTempPath(), $"discussionbot-http-load-{Environment.ProcessId}");
        var processes = new List<Replica>();
        try
        {
            var endpoints = new List<Uri>();
            for (int i = 0; i < replicas; i++)
            {
                string replicaStore = Path.Combine(folder, $"replica{i}", "store.db");
                Directory.CreateDirectory(Path.GetDirectoryName(replicaStore)!);
                File.Copy(store, replicaStore);
                int port = FreePort();
                processes.Add(StartReplica(app, replicaStore, seeds, mode, port, signer.PublicKeyHex, discord.ApiBaseUrl));
                endpoints.Add(new Uri($"http://127.0.0.1:{port}/"));
            }

            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { Timeout = TimeSpan.FromSeconds(10) };
            var started = Stopwatch.StartNew();
            for (int i = 0; i < endpoints.Count; i++)
            {
                await WaitReadyAsync(http, endpoints[i], processes[i], TimeSpan.FromMinutes(5));
            }

            await output.WriteLineAsync($"{replicas} replica(s) ready in {started.Elapsed.TotalSeconds:F1} s ({mode}); load average {LoadAverage()}");
            // Warm-up, not reported: the first requests pay for JIT in every replica.
            await RunRateAsync(http, signer, endpoints, rate: 5, TimeSpan.FromSeconds(5));

            await output.WriteLineAsync("| rate/s | sent | answered | deferred | p50 ms | p99 ms | max ms | load avg |");
            await output.WriteLineAsync("|---:|---:|---:|---:|---:|---:|---:|---|");
            int best = 0;
            foreach (int rate in rates)
            {
                Result result = await RunRateAsync(http, signer, endpoints, rate, TimeSpan.FromSeconds(seconds));
                await output.WriteLineAsync(
                    $"| {rate} | {result.Sent} | {result.Answered} | {result.Deferred} | {result.P50:F1} | {result.P99:F1} | {result.Max:F1} | {LoadAverage()} |");
                if (result.Answered == result.Sent && result.P99 <= Budget.TotalMilliseconds)
                {
                    best = Math.Max(best, rate);
                }
            }

            await output.WriteLineAsync($"Highest rate with p99 <= {Budget.TotalMilliseconds} ms and every interaction answered: {best}/s");
        }
        finally
        {
            foreach (Replica replica in processes)
            {
                StopReplica(replica);
            }

            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        return 0;
    }

    private static Replica StartReplica(string app, string store, string seeds, string mode, int port, string publicKey, string apiBaseUrl)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { app, "run", "--urls", $"http://127.0.0.1:{port}" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.Environment["Discord__Mode"] = "Http";
        start.Environment["Discord__PublicKey"] = publicKey;
        start.Environment["Discord__Token"] = "load-test-token";
        start.Environment["Discord__ApiBaseUrl"] = apiBaseUrl;
        start.Environment["Store__Path"] = store;
        start.Environment["Store__SeedsPath"] = seeds;
        start.Environment["Engine__Mode"] = mode;
        start.Environment["Commands__CooldownBurst"] = "1000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        Process process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        // Drain the pipes so a chatty replica never blocks on a full buffer.
        var errors = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { } text && errors.Count < 20)
            {
                errors.Enqueue(text);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new Replica(process, errors);
    }

    private static void StopReplica(Replica replica)
    {
        Process process = replica.Process;
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        finally
        {
            process.Dispose();
        }
    }

    private static async Task WaitReadyAsync(HttpClient http, Uri endpoint, Replica replica, TimeSpan limit)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < limit)
        {
            if (replica.Process.HasExited)
            {
                throw new InvalidOperationException($"the replica for {endpoint} exited with code {replica.Process.ExitCode} before it was ready: {string.Join(" | ", replica.Errors)}");
            }

            try
            {
                using HttpResponseMessage ready = await http.GetAsync(new Uri(endpoint, "readyz"));
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{endpoint} was not ready within {limit}");
    }

    private static async Task<Result> RunRateAsync(HttpClient http, InteractionSigner signer, List<Uri> endpoints, int rate, TimeSpan duration)
    {
        int total = (int)(rate * duration.TotalSeconds);
        var latencies = new double[total];
        var answered = new bool[total];
        var deferred = new bool[total];
        var pending = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < total; i++)
        {
            // Open loop: each request leaves at its planned time, whether or not earlier ones were answered.
            TimeSpan due = TimeSpan.FromSeconds(i / (double)rate);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            int n = i;
            Uri endpoint = new(endpoints[i % endpoints.Count], "interactions");
            Interaction quote = FakeInteractions.SlashCommand("quote", ("query", Queries[i % Queries.Length]));
            // A member of their own per request: the per-member cooldown must not answer instead of /quote.
            quote = quote with { Member = quote.Member! with { User = new User { Id = new Snowflake((ulong)(1_000_000 + i)), Username = "member" } } };
            byte[] body = InteractionSigner.Body(quote);
            pending.Add(Task.Run(async () =>
            {
                long sent = Stopwatch.GetTimestamp();
                try
                {
                    using HttpResponseMessage response = await http.SendAsync(signer.Request(endpoint, body));
                    string json = await response.Content.ReadAsStringAsync();
                    latencies[n] = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                    answered[n] = response.StatusCode == HttpStatusCode.OK;
                    deferred[n] = json.Contains("\"type\":5", StringComparison.Ordinal);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    latencies[n] = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                }
            }));
        }

        await Task.WhenAll(pending);
        double[] sorted = [.. latencies.Order()];
        return new Result(
            total,
            answered.Count(a => a),
            deferred.Count(d => d),
            Percentile(sorted, 0.50),
            Percentile(sorted, 0.99),
            sorted.Length == 0 ? 0 : sorted[^1]);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>A replica process and the first lines it wrote to stderr (to say why, should it exit early).</summary>
    private sealed record Replica(Process Process, ConcurrentQueue<string> Errors);

    private sealed record Result(int Sent, int Answered, int Deferred, double P50, double P99, double Max);
}
