namespace CityBrain.Contracts.Vocabulary;

/// <summary>How far a reported value can be trusted. Only <see cref="Ok"/> values enter indicators; suspect ones are
/// counted apart and invalid ones never enter a mean.</summary>
public enum Quality
{
    Ok,
    Suspect,
    Invalid,
}
