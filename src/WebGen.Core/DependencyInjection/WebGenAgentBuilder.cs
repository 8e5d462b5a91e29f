using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WebGen;

/// <summary>
/// Swaps the parts of the WebGen agent registered by <see cref="WebGenServiceCollectionExtensions.AddWebGenAgent"/>.
/// Each <c>UseXxx</c> replaces the part; <see cref="UseScreenshotScorer{TScorer}"/> adds a scorer beside the others and
/// <see cref="UseStepStage{TStage}"/> a stage after the others.
/// </summary>
public sealed class WebGenAgentBuilder
{
    internal WebGenAgentBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection, for adapter packages' extension methods.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Uses <paramref name="client"/> as the code model.</summary>
    /// <param name="client">The chat client.</param>
    public WebGenAgentBuilder UseCodeModel(IChatClient client) => UseModel(WebGenModelKeys.Code, _ => client);

    /// <summary>Uses the chat client made by <paramref name="factory"/> as the code model.</summary>
    /// <param name="factory">Creates the client.</param>
    public WebGenAgentBuilder UseCodeModel(Func<IServiceProvider, IChatClient> factory) => UseModel(WebGenModelKeys.Code, factory);

    /// <summary>Uses <paramref name="client"/> as the vision model (screenshot judge, GUI agent).</summary>
    /// <param name="client">The chat client.</param>
    public WebGenAgentBuilder UseVisionModel(IChatClient client) => UseModel(WebGenModelKeys.Vision, _ => client);

    /// <summary>Uses the chat client made by <paramref name="factory"/> as the vision model.</summary>
    /// <param name="factory">Creates the client.</param>
    public WebGenAgentBuilder UseVisionModel(Func<IServiceProvider, IChatClient> factory) => UseModel(WebGenModelKeys.Vision, factory);

    /// <summary>Uses <paramref name="client"/> as the feedback model (GUI-test planning and summaries).</summary>
    /// <param name="client">The chat client.</param>
    public WebGenAgentBuilder UseFeedbackModel(IChatClient client) => UseModel(WebGenModelKeys.Feedback, _ => client);

    /// <summary>Uses the chat client made by <paramref name="factory"/> as the feedback model.</summary>
    /// <param name="factory">Creates the client.</param>
    public WebGenAgentBuilder UseFeedbackModel(Func<IServiceProvider, IChatClient> factory) => UseModel(WebGenModelKeys.Feedback, factory);

    /// <summary>Uses <paramref name="sandbox"/> to run sites.</summary>
    /// <param name="sandbox">The sandbox.</param>
    public WebGenAgentBuilder UseSandbox(ISandbox sandbox) => Replace<ISandbox>(_ => sandbox);

    /// <summary>Uses the sandbox made by <paramref name="factory"/>.</summary>
    /// <param name="factory">Creates the sandbox.</param>
    public WebGenAgentBuilder UseSandbox(Func<IServiceProvider, ISandbox> factory) => Replace(factory);

    /// <summary>Uses <paramref name="capturer"/> to screenshot sites.</summary>
    /// <param name="capturer">The capturer.</param>
    public WebGenAgentBuilder UsePageCapturer(IPageCapturer capturer) => Replace<IPageCapturer>(_ => capturer);

    /// <summary>Uses the capturer made by <paramref name="factory"/>.</summary>
    /// <param name="factory">Creates the capturer.</param>
    public WebGenAgentBuilder UsePageCapturer(Func<IServiceProvider, IPageCapturer> factory) => Replace(factory);

    /// <summary>Uses <paramref name="judge"/> as the VLM judge.</summary>
    /// <param name="judge">The judge.</param>
    public WebGenAgentBuilder UseScreenshotJudge(IScreenshotJudge judge) => Replace<IScreenshotJudge>(_ => judge);

    /// <summary>Uses the judge made by <paramref name="factory"/>.</summary>
    /// <param name="factory">Creates the judge.</param>
    public WebGenAgentBuilder UseScreenshotJudge(Func<IServiceProvider, IScreenshotJudge> factory) => Replace(factory);

    /// <summary>Adds a screenshot scorer beside the registered ones; it runs before the judge.</summary>
    /// <typeparam name="TScorer">The scorer type, created by the container.</typeparam>
    public WebGenAgentBuilder UseScreenshotScorer<TScorer>()
        where TScorer : class, IScreenshotScorer
    {
        Services.AddSingleton<IScreenshotScorer, TScorer>();
        return this;
    }

    /// <summary>Adds <paramref name="scorer"/> beside the registered scorers.</summary>
    /// <param name="scorer">The scorer.</param>
    public WebGenAgentBuilder UseScreenshotScorer(IScreenshotScorer scorer)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        Services.AddSingleton(scorer);
        return this;
    }

    /// <summary>Removes every registered screenshot scorer (the judge then sees every screenshot).</summary>
    public WebGenAgentBuilder ClearScreenshotScorers()
    {
        Services.RemoveAll<IScreenshotScorer>();
        return this;
    }

    /// <summary>Uses <paramref name="tester"/> for GUI tests.</summary>
    /// <param name="tester">The GUI tester.</param>
    public WebGenAgentBuilder UseGuiTester(IGuiTester tester) => Replace<IGuiTester>(_ => tester);

    /// <summary>Uses the GUI tester made by <paramref name="factory"/>.</summary>
    /// <param name="factory">Creates the GUI tester.</param>
    public WebGenAgentBuilder UseGuiTester(Func<IServiceProvider, IGuiTester> factory) => Replace(factory);

    /// <summary>Uses <paramref name="selector"/> for backtracking and select-best.</summary>
    /// <param name="selector">The step selector.</param>
    public WebGenAgentBuilder UseStepSelector(IStepSelector selector) => Replace<IStepSelector>(_ => selector);

    /// <summary>Uses a step selector created by the container.</summary>
    /// <typeparam name="TSelector">The selector type.</typeparam>
    public WebGenAgentBuilder UseStepSelector<TSelector>()
        where TSelector : class, IStepSelector
    {
        Services.RemoveAll<IStepSelector>();
        Services.AddSingleton<IStepSelector, TSelector>();
        return this;
    }

    /// <summary>Checkpoints episodes through <paramref name="stores"/> (for example a networked store every worker reaches).</summary>
    /// <param name="stores">Opens each run's store.</param>
    public WebGenAgentBuilder UseRunStore(IRunStoreFactory stores) => Replace<IRunStoreFactory>(_ => stores);

    /// <summary>Checkpoints episodes through the store factory made by <paramref name="factory"/>.</summary>
    /// <param name="factory">Creates the store factory.</param>
    public WebGenAgentBuilder UseRunStore(Func<IServiceProvider, IRunStoreFactory> factory) => Replace(factory);

    /// <summary>
    /// Adds a step stage after the registered ones: it runs once the site has been run, screenshotted, judged and
    /// GUI-tested, before the feedback is composed, and its checks reach the model, the step's error flag and the rewards.
    /// </summary>
    /// <typeparam name="TStage">The stage type, created by the container.</typeparam>
    public WebGenAgentBuilder UseStepStage<TStage>()
        where TStage : class, IStepStage
    {
        Services.AddSingleton<IStepStage, TStage>();
        return this;
    }

    /// <summary>Adds <paramref name="stage"/> after the registered step stages.</summary>
    /// <param name="stage">The stage.</param>
    public WebGenAgentBuilder UseStepStage(IStepStage stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        Services.AddSingleton(stage);
        return this;
    }

    /// <summary>Removes the step stages of type <typeparamref name="TStage"/> (for example a built-in one you do not want).</summary>
    /// <typeparam name="TStage">The stage type.</typeparam>
    public WebGenAgentBuilder RemoveStepStage<TStage>()
        where TStage : class, IStepStage
    {
        foreach (var descriptor in Services.Where(IsStage<TStage>).ToList())
        {
            Services.Remove(descriptor);
        }

        return this;
    }

    /// <summary>Puts a <typeparamref name="TNew"/> stage, created by the container, where the <typeparamref name="TOld"/> stage was.</summary>
    /// <typeparam name="TOld">The registered stage type to replace.</typeparam>
    /// <typeparam name="TNew">The replacement.</typeparam>
    /// <exception cref="InvalidOperationException">No <typeparamref name="TOld"/> stage is registered.</exception>
    public WebGenAgentBuilder ReplaceStepStage<TOld, TNew>()
        where TOld : class, IStepStage
        where TNew : class, IStepStage
    {
        var index = Services.ToList().FindIndex(IsStage<TOld>);
        if (index < 0)
        {
            throw new InvalidOperationException($"No step stage of type {typeof(TOld).Name} is registered; add {typeof(TNew).Name} with UseStepStage<{typeof(TNew).Name}>() instead.");
        }

        Services[index] = ServiceDescriptor.Singleton<IStepStage, TNew>();
        return this;
    }

    /// <summary>Uses <paramref name="adapter"/> to turn steps into rewards.</summary>
    /// <param name="adapter">The reward adapter.</param>
    public WebGenAgentBuilder UseRewardAdapter(IStepRewardAdapter adapter) => Replace<IStepRewardAdapter>(_ => adapter);

    /// <summary>
    /// Uses <paramref name="redactor"/> to remove secrets from what is stored or sent back to models (beside
    /// <see cref="WebGenAgentOptions.SecretValues"/>, which are always redacted); the benchmark and training server
    /// resolve it too.
    /// </summary>
    /// <param name="redactor">The redactor, for example one that also recognises a token pattern.</param>
    public WebGenAgentBuilder UseSecretRedactor(ISecretRedactor redactor) => Replace<ISecretRedactor>(_ => redactor);

    /// <summary>
    /// Wraps the registered <typeparamref name="TPart"/> without replacing it, like <c>ChatClientBuilder.Use</c>: a cache of
    /// judge answers by screenshot hash, logging, a rate limiter. Derive the wrapper from the part's <c>Delegating…</c> base
    /// (<see cref="DelegatingScreenshotJudge"/>, <see cref="DelegatingGuiTester"/>, <see cref="DelegatingPageCapturer"/>,
    /// <see cref="DelegatingSandbox"/>, <see cref="DelegatingStepSelector"/>, <see cref="DelegatingWebGenAgent"/>) to pass on
    /// what it does not change. Wraps what is registered when called, so call it after the part's <c>UseXxx</c> (or the
    /// adapter package's registration); wrappers added later wrap earlier ones. The wrapper owns the part it wraps: the
    /// container disposes the wrapper, and the delegating bases dispose the inner part.
    /// </summary>
    /// <typeparam name="TPart">The part's interface, for example <see cref="IScreenshotJudge"/>.</typeparam>
    /// <param name="wrap">Makes the wrapper from the registered part and the service provider.</param>
    /// <exception cref="InvalidOperationException">No <typeparamref name="TPart"/> is registered yet.</exception>
    public WebGenAgentBuilder Use<TPart>(Func<TPart, IServiceProvider, TPart> wrap)
        where TPart : class
    {
        ArgumentNullException.ThrowIfNull(wrap);
        var index = Services.ToList().FindLastIndex(d => d.ServiceType == typeof(TPart) && !d.IsKeyedService);
        if (index < 0)
        {
            throw new InvalidOperationException(
                $"No {typeof(TPart).Name} is registered yet, so there is nothing to wrap: register the part first (a UseXxx method, or the adapter package's Use… call) and then call Use<{typeof(TPart).Name}>(...).");
        }

        var inner = Services[index];
        Services[index] = ServiceDescriptor.Describe(typeof(TPart), sp => wrap((TPart)Create(sp, inner), sp) ?? throw new InvalidOperationException($"The wrapper of {typeof(TPart).Name} returned null."), inner.Lifetime);
        return this;
    }

    /// <summary>
    /// Leaves the models' clients as registered: without it, each is wrapped in Microsoft.Extensions.AI's OpenTelemetry
    /// client (source <see cref="WebGenTelemetry.ModelsSourceName"/>) unless it has one already.
    /// </summary>
    public WebGenAgentBuilder DisableModelTelemetry()
    {
        Services.RemoveAll<ModelInstrumentation>();
        return this;
    }

    /// <summary>Changes the agent options.</summary>
    /// <param name="configure">Edits the options.</param>
    public WebGenAgentBuilder Configure(Action<WebGenAgentOptions> configure)
    {
        Services.Configure(configure);
        return this;
    }

    private static object Create(IServiceProvider services, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!);

    private static bool IsStage<TStage>(ServiceDescriptor descriptor) =>
        descriptor.ServiceType == typeof(IStepStage)
        && !descriptor.IsKeyedService
        && (descriptor.ImplementationType == typeof(TStage) || descriptor.ImplementationInstance is TStage);

    private WebGenAgentBuilder UseModel(string key, Func<IServiceProvider, IChatClient> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.RemoveAllKeyed<IChatClient>(key);
        Services.AddKeyedSingleton(key, (sp, _) => factory(sp));
        return this;
    }

    private WebGenAgentBuilder Replace<T>(Func<IServiceProvider, T> factory)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.RemoveAll<T>();
        Services.AddSingleton(factory);
        return this;
    }
}
