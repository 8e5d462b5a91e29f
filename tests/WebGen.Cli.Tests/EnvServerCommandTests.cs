using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace WebGen.Cli.Tests;

/// <summary><c>webgen env-server</c> serves the environment over real HTTP until cancelled (offline parts, real sandbox).</summary>
public sealed partial class EnvServerCommandTests
{
    private const string Key = "trainer-key-0123456789abcdef";

    [Test]
    public async Task Env_server_serves_episodes_behind_its_key_until_stopped()
    {
        using var temp = new TempDirectory();
        using var cancellation = new CancellationTokenSource();
        var stdout = new StringWriter();
        var output = TextWriter.Synchronized(stdout);
        var stderr = new StringWriter();
        var errors = TextWriter.Synchronized(stderr);
        var run = WebGenCli.RunAsync(["env-server", "--port", "0", "--api-key", Key, "--runs", temp.Combine("runs")], output, errors, null, cancellation.Token);
        Uri? address = null;
        for (var i = 0; i < 600 && address is null && !run.IsCompleted; i++)
        {
            address = Listening().Match(Read(output, stdout)) is { Success: true } m ? new Uri(m.Groups[1].Value) : null;
            await Task.Delay(100);
        }

        Assert.That(address, Is.Not.Null, "the server never said where it listens: " + Read(output, stdout) + Read(errors, stderr));
        using var http = new HttpClient { BaseAddress = address };
        using (var anonymous = await http.PostAsJsonAsync("episodes", new { instruction = "A page", id = "e1" }))
        {
            Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        using var created = await http.PostAsJsonAsync("episodes", new { instruction = "A landing page for a bakery", id = "e1", maxSteps = 1 });
        Assert.That(created.IsSuccessStatusCode, Is.True, await created.Content.ReadAsStringAsync());
        using var episode = await http.GetAsync("episodes/e1");
        Assert.That(await episode.Content.ReadAsStringAsync(), Does.Contain("A landing page for a bakery"));

        await cancellation.CancelAsync();
        Assert.That(await run.WaitAsync(TimeSpan.FromMinutes(1)), Is.Zero);
        Assert.That(Read(output, stdout), Does.Contain("environment server stopped"));
    }

    // A synchronized writer locks itself while writing, so reading under that lock sees whole writes.
    private static string Read(TextWriter synchronized, StringWriter inner)
    {
        lock (synchronized)
        {
            return inner.ToString();
        }
    }

    [GeneratedRegex(@"listening on (http://\S+/)")]
    private static partial Regex Listening();
}
