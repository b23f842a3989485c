using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DiscussionBot.TestKit.Storage;

/// <summary>
/// A throwaway PostgreSQL cluster this test process starts itself from the machine's installed server binaries
/// (Debian's <c>/usr/lib/postgresql/&lt;version&gt;/bin</c>), so <c>dotnet test</c> needs nothing running beside it.
/// One cluster per test process: its own data folder under the temp folder, a free loopback port, trust
/// authentication; stopped and deleted when the process exits. As root it runs as the <c>postgres</c> user,
/// because the server refuses to run as root.
/// </summary>
internal sealed class LocalPostgresCluster
{
    private static readonly Lazy<Task<LocalPostgresCluster?>> Shared = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private const string FolderPrefix = "discussionbot-pg-";

    private readonly string _bin;
    private readonly string _folder;
    private readonly bool _asPostgresUser;

    private LocalPostgresCluster(string bin, string folder, bool asPostgresUser, int port)
    {
        _bin = bin;
        _folder = folder;
        _asPostgresUser = asPostgresUser;
        ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
    }

    public string ConnectionString { get; }

    /// <summary>The process's cluster, started on first use; null when no PostgreSQL server is installed.</summary>
    public static Task<LocalPostgresCluster?> GetAsync() => Shared.Value;

    /// <summary>The newest installed server's bin folder, or null.</summary>
    public static string? FindServerBinaries()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.GetDirectories(root)
            .Select(d => (Folder: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out int v) ? v : -1))
            .Where(c => File.Exists(Path.Combine(c.Folder, "initdb")) && File.Exists(Path.Combine(c.Folder, "pg_ctl")))
            .OrderByDescending(c => c.Version)
            .Select(c => c.Folder)
            .FirstOrDefault();
    }

    private static async Task<LocalPostgresCluster?> StartAsync()
    {
        if (FindServerBinaries() is not { } bin)
        {
            return null;
        }

        bool asPostgresUser = Environment.UserName == "root";
        await RemoveLeftoversAsync(bin, asPostgresUser);
        string folder = Path.Combine(Path.GetTempPath(), $"{FolderPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        if (asPostgresUser)
        {
            await RunAsync("chown", ["postgres", folder], asPostgresUser: false);
        }

        string data = Path.Combine(folder, "data");
        await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"], asPostgresUser);

        // A free port can be taken between probing and binding; a second try with a new port covers that race.
        for (int attempt = 1; ; attempt++)
        {
            int port = FreeLoopbackPort();
            string settings = $"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
            try
            {
                await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-o", settings, "start"], asPostgresUser);
                var cluster = new LocalPostgresCluster(bin, folder, asPostgresUser, port);
                AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
                return cluster;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>Stops the server without waiting for clients and deletes its folder (called at process exit).</summary>
    private void Stop()
    {
        if (File.Exists(Path.Combine(_folder, "data", "postmaster.pid")))
        {
            try
            {
                RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop"], _asPostgresUser)
                    .GetAwaiter().GetResult();
            }
            catch (InvalidOperationException)
            {
                // Already stopped: nothing to do but remove the folder.
            }
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>
    /// Clusters of test processes that are gone (the test host can be ended before its exit handler finishes):
    /// stopped if still running and deleted, so runs never pile up servers or folders.
    /// </summary>
    private static async Task RemoveLeftoversAsync(string bin, bool asPostgresUser)
    {
        foreach (string folder in Directory.GetDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            string[] parts = Path.GetFileName(folder)[FolderPrefix.Length..].Split('-');
            if (parts.Length != 2 || !int.TryParse(parts[0], out int pid) || IsRunning(pid))
            {
                continue;
            }

            var leftover = new LocalPostgresCluster(bin, folder, asPostgresUser, port: 0);
            await Task.Run(leftover.Stop);
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asPostgresUser)
    {
        var start = new ProcessStartInfo(asPostgresUser ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgresUser)
        {
            foreach (string a in (string[])["-u", "postgres", "--", program])
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} exited with {process.ExitCode}: {await error}{await output}");
        }
    }
}
