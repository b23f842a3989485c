using DiscussionBot.Discord.Models;

namespace DiscussionBot.Discord.Webhook;

/// <summary>
/// The first response to an interaction that arrived by HTTP POST: it travels back in the body of that POST instead
/// of through the callback endpoint. Completed once, by the answer or a deferral, or abandoned when none will come.
/// </summary>
public sealed class InlineResponse
{
    private readonly TaskCompletionSource<InteractionResponse?> _response = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The response to write, or null when the interaction was given up (too late, or failed).</summary>
    public Task<InteractionResponse?> Response => _response.Task;

    /// <summary>Hands the first response to the waiting request; false when one was already given (or abandoned).</summary>
    public bool TrySend(InteractionResponse response) => _response.TrySetResult(response);

    /// <summary>Tells the waiting request that no response will come; does nothing once one was sent.</summary>
    public void Abandon() => _response.TrySetResult(null);
}
