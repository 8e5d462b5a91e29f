using System.ComponentModel.DataAnnotations;

namespace WebGen.Orleans;

/// <summary>Options of a WebGen worker silo (<see cref="WebGenSiloBuilderExtensions.AddWebGenWorker"/>).</summary>
public sealed class WebGenWorkerOptions
{
    /// <summary>
    /// How many episodes the silo runs at once (each holds a dev server and a browser context). Placement never puts
    /// more on it; when every silo is full, new episodes wait. Default 4.
    /// </summary>
    [Range(1, 1024)]
    public int Slots { get; set; } = 4;

    /// <summary>How long a slot reserved for an episode stays held when the episode never arrives (its client died). Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ReservationTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
