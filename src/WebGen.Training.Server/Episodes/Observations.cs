using Microsoft.Extensions.AI;

namespace WebGen.Training.Server;

/// <summary>Turns the episode's chat into wire messages.</summary>
internal static class Observations
{
    public static IReadOnlyList<ObservationMessage> From(IReadOnlyList<ChatMessage> messages) =>
        [.. messages.Select(m => new ObservationMessage { Role = m.Role.Value, Content = m.Text })];
}
