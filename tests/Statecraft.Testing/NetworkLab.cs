using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Statecraft.Testing;

/// <summary>
/// Separate hosts on one machine, for partition tests: each host is a network namespace this lab creates, linked to a
/// router namespace (also the lab's) by a veth pair, with an address from a 10.x.0.0/16 block no route of the machine
/// uses. The test process itself reaches every host through one more veth pair whose only route is that block, so no
/// packet of a test ever leaves the namespaces the test created. A partition is a pair of blackhole rules in the
/// router: packets between the two hosts are dropped silently, as on a real network that lost a link, while every
/// other path keeps working. Needs root (CI runs as root); fails with the <c>ip</c> command's own message otherwise.
/// </summary>
public sealed class NetworkLab : IAsyncDisposable
{
    private readonly string _prefix;
    private readonly int _block;
    private readonly List<LabHost> _hosts = [];
    private readonly HashSet<(IPAddress From, IPAddress To)> _cuts = [];
    private bool _disposed;

    private NetworkLab(string prefix, int block)
    {
        _prefix = prefix;
        _block = block;
    }

    private string Router => $"{_prefix}-router";

    private string TesterLink => $"{_prefix}-t";

    /// <summary>The address the test process has on the lab's network.</summary>
    public IPAddress TesterAddress => Address(250, 2);

    /// <summary>Creates the router namespace and the test process's own link to it.</summary>
    public static async Task<NetworkLab> CreateAsync(CancellationToken cancellationToken = default)
    {
        var routes = await RunAsync("ip", ["-4", "route", "show", "table", "all"], cancellationToken).ConfigureAwait(false);
        var free = Enumerable.Range(200, 50).Where(block => !routes.Contains($"10.{block}.", StringComparison.Ordinal)).ToList();
        if (free.Count == 0)
        {
            throw new InvalidOperationException($"No free 10.200-249.0.0/16 block for a test network; routes:\n{routes}");
        }

        var lab = new NetworkLab($"sc{Guid.NewGuid():N}"[..8], free[Random.Shared.Next(free.Count)]);
        try
        {
            await IpAsync(["netns", "add", lab.Router], cancellationToken).ConfigureAwait(false);
            await InAsync(lab.Router, ["ip", "link", "set", "lo", "up"], cancellationToken).ConfigureAwait(false);
            // The router forwards between hosts: that is the whole point of it.
            await InAsync(lab.Router, ["sh", "-c", "echo 1 > /proc/sys/net/ipv4/ip_forward"], cancellationToken).ConfigureAwait(false);
            await IpAsync(["link", "add", lab.TesterLink, "type", "veth", "peer", "name", $"{lab._prefix}-r250", "netns", lab.Router], cancellationToken).ConfigureAwait(false);
            await lab.ConfigureRouterSideAsync(250, cancellationToken).ConfigureAwait(false);
            await IpAsync(["addr", "add", $"{lab.TesterAddress}/24", "dev", lab.TesterLink], cancellationToken).ConfigureAwait(false);
            await IpAsync(["link", "set", lab.TesterLink, "up"], cancellationToken).ConfigureAwait(false);
            await IpAsync(["route", "add", lab.Block, "via", lab.Address(250, 1).ToString(), "dev", lab.TesterLink], cancellationToken).ConfigureAwait(false);
            return lab;
        }
        catch
        {
            await lab.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private string Block => $"10.{_block}.0.0/16";

    /// <summary>Adds a host: its own namespace, with loopback and one link to the router.</summary>
    public async Task<LabHost> AddHostAsync(string name, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var index = _hosts.Count + 1;
        var host = new LabHost(name, $"{_prefix}-{index}", Address(index, 2));
        _hosts.Add(host);
        await IpAsync(["netns", "add", host.Namespace], cancellationToken).ConfigureAwait(false);
        await InAsync(host.Namespace, ["ip", "link", "set", "lo", "up"], cancellationToken).ConfigureAwait(false);
        await IpAsync(["link", "add", $"{_prefix}-r{index}", "netns", Router, "type", "veth", "peer", "name", "eth0", "netns", host.Namespace], cancellationToken).ConfigureAwait(false);
        await ConfigureRouterSideAsync(index, cancellationToken).ConfigureAwait(false);
        await InAsync(host.Namespace, ["ip", "addr", "add", $"{host.Address}/24", "dev", "eth0"], cancellationToken).ConfigureAwait(false);
        await InAsync(host.Namespace, ["ip", "link", "set", "eth0", "up"], cancellationToken).ConfigureAwait(false);
        await InAsync(host.Namespace, ["ip", "route", "add", Block, "via", Address(index, 1).ToString()], cancellationToken).ConfigureAwait(false);
        return host;
    }

    /// <summary>Cuts the link between two hosts in both directions; each keeps reaching every other host.</summary>
    public async Task CutAsync(LabHost one, LabHost other, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(one);
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (from, to) in new[] { (one.Address, other.Address), (other.Address, one.Address) })
        {
            if (_cuts.Add((from, to)))
            {
                await InAsync(Router, ["ip", "rule", "add", "from", from.ToString(), "to", to.ToString(), "blackhole"], cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Cuts <paramref name="host"/> from each of <paramref name="others"/>.</summary>
    public async Task IsolateAsync(LabHost host, IEnumerable<LabHost> others, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(others);
        foreach (var other in others)
        {
            await CutAsync(host, other, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Restores every link that was cut.</summary>
    public async Task HealAsync(CancellationToken cancellationToken = default)
    {
        foreach (var (from, to) in _cuts.ToList())
        {
            await InAsync(Router, ["ip", "rule", "del", "from", from.ToString(), "to", to.ToString(), "blackhole"], cancellationToken).ConfigureAwait(false);
            _cuts.Remove((from, to));
        }
    }

    /// <summary>Removes the test process's link and every namespace of the lab (which takes their links with them).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        var failures = new List<string>();
        foreach (var command in new[] { new[] { "link", "del", TesterLink } }
            .Concat(_hosts.Select(h => new[] { "netns", "del", h.Namespace }))
            .Append(["netns", "del", Router]))
        {
            try
            {
                await IpAsync(command, CancellationToken.None).ConfigureAwait(false);
            }
            catch (InvalidOperationException exception)
            {
                failures.Add(exception.Message);
            }
        }

        // A partly created lab has fewer things to remove; anything else left behind is worth knowing about.
        if (failures.Any(f => !f.Contains("Cannot find device", StringComparison.Ordinal) && !f.Contains("No such file", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"The network lab {_prefix} was not fully removed:\n{string.Join('\n', failures)}");
        }
    }

    private IPAddress Address(int subnet, int host) => IPAddress.Parse(string.Create(CultureInfo.InvariantCulture, $"10.{_block}.{subnet}.{host}"));

    private async Task ConfigureRouterSideAsync(int index, CancellationToken cancellationToken)
    {
        var link = $"{_prefix}-r{index}";
        await InAsync(Router, ["ip", "addr", "add", $"{Address(index, 1)}/24", "dev", link], cancellationToken).ConfigureAwait(false);
        await InAsync(Router, ["ip", "link", "set", link, "up"], cancellationToken).ConfigureAwait(false);
    }

    private static Task<string> IpAsync(string[] arguments, CancellationToken cancellationToken) => RunAsync("ip", arguments, cancellationToken);

    private static Task<string> InAsync(string networkNamespace, string[] command, CancellationToken cancellationToken) =>
        RunAsync("ip", ["netns", "exec", networkNamespace, .. command], cancellationToken);

    private static async Task<string> RunAsync(string program, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return process.ExitCode == 0
            ? await output.ConfigureAwait(false)
            : throw new InvalidOperationException($"`{program} {string.Join(' ', arguments)}` failed ({process.ExitCode}): {(await error.ConfigureAwait(false)).Trim()} (network namespaces need root and iproute2)");
    }
}

/// <summary>A host of a <see cref="NetworkLab"/>: a network namespace with one address.</summary>
public sealed record LabHost(string Name, string Namespace, IPAddress Address)
{
    /// <summary>Makes <paramref name="start"/> run inside this host (<c>ip netns exec</c> replaces itself with the program, so the PID is the program's).</summary>
    public ProcessStartInfo Wrap(ProcessStartInfo start)
    {
        ArgumentNullException.ThrowIfNull(start);
        var wrapped = new ProcessStartInfo("ip") { WorkingDirectory = start.WorkingDirectory };
        foreach (var argument in new[] { "netns", "exec", Namespace, start.FileName }.Concat(start.ArgumentList))
        {
            wrapped.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in start.Environment)
        {
            wrapped.Environment[key] = value;
        }

        return wrapped;
    }
}
