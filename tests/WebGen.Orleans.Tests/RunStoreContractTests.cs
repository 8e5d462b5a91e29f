using System.Text;
using WebGen.Testing;

namespace WebGen.Orleans.Tests;

/// <summary>The contract every <see cref="IRunStore"/> keeps, run against the file store and a real Redis.</summary>
[TestFixture("file")]
[TestFixture("redis")]
public sealed class RunStoreContractTests(string kind)
{
    private TempDirectory _temp = null!;
    private RedisServer? _redis;
    private int _runs;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _temp = new TempDirectory();
        _redis = kind == "redis" ? await RedisServer.StartAsync() : null;
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        _temp.Dispose();
    }

    [Test]
    public async Task Reads_back_what_it_wrote_and_null_for_what_it_never_wrote()
    {
        var store = Open();
        Assert.That(await store.ReadAsync("state.json"), Is.Null);
        Assert.That(await store.WriteAsync([Entry("state.json", "one")], RunStoreWriteMode.Replace), Is.True);
        Assert.That(await store.WriteAsync([Entry("state.json", "two")], RunStoreWriteMode.Replace), Is.True);
        Assert.That(Text(await store.ReadAsync("state.json")), Is.EqualTo("two"));
    }

    [Test]
    public async Task Create_only_writes_never_replace_and_say_so()
    {
        var store = Open();
        Assert.That(await store.WriteAsync([Entry("run.json", "first")], RunStoreWriteMode.CreateNew), Is.True);
        Assert.That(await store.WriteAsync([Entry("run.json", "second")], RunStoreWriteMode.CreateNew), Is.False);
        Assert.That(Text(await store.ReadAsync("run.json")), Is.EqualTo("first"));
    }

    [Test]
    public async Task A_step_batch_lands_whole_and_is_listed_under_its_folder()
    {
        var store = Open();
        var png = new byte[] { 0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255 };
        await store.WriteAsync([Entry("steps/0001/step.json", "{}"), Entry("steps/0001/new-messages.json", "[]"), new RunStoreEntry { Name = "steps/0001/screenshot.png", Content = png }], RunStoreWriteMode.CreateNew);
        await store.WriteAsync([Entry("steps/0002/step.json", "{}")], RunStoreWriteMode.CreateNew);
        await store.WriteAsync([Entry("blobs/ab/abcdef", "x")], RunStoreWriteMode.CreateNew);

        Assert.That(await store.ListAsync("steps"), Is.EquivalentTo(new[] { "0001", "0002" }));
        Assert.That(await store.ListAsync("steps/0001"), Is.EquivalentTo(new[] { "step.json", "new-messages.json", "screenshot.png" }));
        Assert.That(await store.ListAsync("blobs"), Is.EquivalentTo(new[] { "ab" }));
        Assert.That(await store.ListAsync("nothing"), Is.Empty);
        Assert.That(await store.ReadAsync("steps/0001/screenshot.png"), Is.EqualTo(png), "binary entries round-trip byte for byte");
    }

    [Test]
    public async Task Two_writers_recording_the_same_step_at_once_record_it_once()
    {
        var store = Open();
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => store.WriteAsync([Entry("steps/0001/step.json", "writer " + i), Entry("steps/0001/new-messages.json", "writer " + i)], RunStoreWriteMode.CreateNew))));

        Assert.That(results.Count(r => r), Is.EqualTo(1));
        var winner = Text(await store.ReadAsync("steps/0001/step.json"));
        Assert.That(Text(await store.ReadAsync("steps/0001/new-messages.json")), Is.EqualTo(winner), "the winner's batch is whole, not mixed with a loser's");
    }

    [Test]
    public void Bad_names_and_batches_are_refused_with_a_clear_error()
    {
        var store = Open();
        Assert.That(async () => await store.ReadAsync("../escape"), Throws.ArgumentException.With.Message.Contains("not a run store name"));
        Assert.That(async () => await store.ReadAsync("/abs"), Throws.ArgumentException);
        Assert.That(async () => await store.WriteAsync([], RunStoreWriteMode.Replace), Throws.ArgumentException.With.Message.Contains("at least one"));
        Assert.That(
            async () => await store.WriteAsync([Entry("steps/0001/a", "1"), Entry("steps/0002/b", "2")], RunStoreWriteMode.CreateNew),
            Throws.ArgumentException.With.Message.Contains("one folder"));
    }

    private IRunStore Open()
    {
        var runId = kind + "-run-" + Interlocked.Increment(ref _runs);
        return _redis is null ? new FileRunStore(_temp.Combine(runId)) : new RedisRunStore(_redis.Connection.GetDatabase(), runId);
    }

    private static RunStoreEntry Entry(string name, string text) => new() { Name = name, Content = Encoding.UTF8.GetBytes(text) };

    private static string? Text(byte[]? content) => content is null ? null : Encoding.UTF8.GetString(content);
}
