using System.Buffers.Text;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace Statecraft.Persistence.DynamoDB;

/// <summary>
/// A game-listing position as an opaque string: the key DynamoDB resumes a scan after (all of its attributes are
/// strings here), as URL-safe base64 of a JSON object.
/// </summary>
internal static class DynamoDbContinuationToken
{
    public static string Encode(Dictionary<string, AttributeValue> key) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(key.ToDictionary(pair => pair.Key, pair => pair.Value.S, StringComparer.Ordinal)));

    /// <exception cref="ArgumentException">The token was not made by <see cref="Encode"/>.</exception>
    public static Dictionary<string, AttributeValue>? Decode(string? token)
    {
        if (token is null)
        {
            return null;
        }

        Dictionary<string, string>? key;
        try
        {
            key = JsonSerializer.Deserialize<Dictionary<string, string>>(Base64Url.DecodeFromChars(token));
        }
        catch (Exception error) when (error is FormatException or JsonException)
        {
            throw new ArgumentException("The continuation token was not issued by the DynamoDB game store.", nameof(token), error);
        }

        if (key is not { Count: > 0 } || key.Values.Any(value => value is null))
        {
            throw new ArgumentException("The continuation token was not issued by the DynamoDB game store.", nameof(token));
        }

        return key.ToDictionary(pair => pair.Key, pair => DynamoDbValues.String(pair.Value), StringComparer.Ordinal);
    }
}
