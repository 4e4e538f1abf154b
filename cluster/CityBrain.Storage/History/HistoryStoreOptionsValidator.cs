using Microsoft.Extensions.Options;

namespace CityBrain.Storage.History;

/// <summary><see cref="HistoryStoreOptions.Validate"/> for the options pipeline, so a bad retention stops the host at start.</summary>
public sealed class HistoryStoreOptionsValidator : IValidateOptions<HistoryStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, HistoryStoreOptions options)
    {
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
