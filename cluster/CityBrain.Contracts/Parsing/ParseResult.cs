using System.Diagnostics.CodeAnalysis;

namespace CityBrain.Contracts.Parsing;

/// <summary>Either a parsed payload or the reason it was refused; bad input is an answer here, not an exception.</summary>
public readonly record struct ParseResult<T>(T? Value, Rejection? Rejection) where T : class
{
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Rejection))]
    public bool Ok => Value is not null;

    public static implicit operator ParseResult<T>(T value) => new(value, null);

    public static implicit operator ParseResult<T>(Rejection rejection) => new(null, rejection);
}
