namespace Statecraft.Engine.Core;

/// <summary>
/// The ruleset's part of one viewer's view of a game (the board, the viewer's own hand, the trick, scores), sent to
/// frontends as JSON in <c>GameView.Details</c>. Every ruleset's details record derives from this, so the boundary is in
/// the types; hidden information must already be removed for the viewer.
/// </summary>
public abstract record RulesetDetails;
