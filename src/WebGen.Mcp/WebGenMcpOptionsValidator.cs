using Microsoft.Extensions.Options;

namespace WebGen.Mcp;

/// <summary>
/// Validates <see cref="WebGenMcpOptions"/> at start-up by their data annotations, with checks the options source
/// generator writes at build time (no reflection at run time).
/// </summary>
[OptionsValidator]
internal sealed partial class WebGenMcpOptionsValidator : IValidateOptions<WebGenMcpOptions>;
