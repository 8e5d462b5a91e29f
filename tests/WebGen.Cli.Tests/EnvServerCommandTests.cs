using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WebGen.Training.Server.Tests;

namespace WebGen.Cli.Tests;

/// <summary><c>webgen env-server</c> serves the environment over real HTTP and OpenEnv's WebSocket session until cancelled (offline parts, real sandbox).</summary>
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

        await OpenEnvSessionAsync(address!);

        await cancellation.CancelAsync();
        Assert.That(await run.WaitAsync(TimeSpan.FromMinutes(1)), Is.Zero);
        Assert.That(Read(output, stdout), Does.Contain("environment server stopped"));
    }

    /// <summary>OpenEnv's WebSocket session on the command's server: reset, a malformed step (reward −1), state, close.</summary>
    private static async Task OpenEnvSessionAsync(Uri address)
    {
        using var socket = await OpenEnvSocket.ConnectAsync(address, Key);
        var reset = await socket.RequestAsync("{\"type\": \"reset\", \"data\": {\"instruction\": \"A bakery page\", \"episode_id\": \"ws-e2\", \"max_steps\": 2}}", "observation");
        Assert.That((string?)reset["observation"]!["episode_id"], Is.EqualTo("ws-e2"));
        var step = await socket.RequestAsync("{\"type\": \"step\", \"data\": {\"message\": \"I would rather not write code.\"}}", "observation");
        Assert.That((double)step["reward"]!, Is.EqualTo(-1.0), "a malformed answer");
        Assert.That((string?)step["observation"]!["step"]!["kind"], Is.EqualTo("bad_format"));
        var state = await socket.RequestAsync("{\"type\": \"state\"}", "state");
        Assert.That((int)state["step_count"]!, Is.EqualTo(1));
        await socket.SendAsync("{\"type\": \"close\"}");
        Assert.That(await socket.ReceiveAsync(), Is.Null, "the server closes the session");
        Assert.That(socket.Socket.CloseStatus, Is.EqualTo(WebSocketCloseStatus.NormalClosure));
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
