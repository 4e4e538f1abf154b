using System.Xml.Linq;
using CityBrain.Storage.Postgres.Accounts;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace CityBrain.Host.Security;

/// <summary>The data protection key ring of a cluster in its shared PostgreSQL: every silo reads the cookies of every other.</summary>
public sealed class AuthKeyRing(PostgresKeyRing keys) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => [.. keys.All().Select(XElement.Parse)];

    public void StoreElement(XElement element, string friendlyName) => keys.Add(friendlyName, element.ToString(SaveOptions.DisableFormatting));
}
