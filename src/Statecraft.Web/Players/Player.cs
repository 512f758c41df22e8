namespace Statecraft.Web.Players;

/// <summary>A browser's player: the name it chose and the player id the server derives for it.</summary>
public sealed record Player(string Name, string Id);
