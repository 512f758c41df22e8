using Spectre.Console;
using Spectre.Console.Rendering;

namespace Statecraft.Cli.Infrastructure;

/// <summary>Tables whose cells are plain text: values from the cluster are never read as Spectre markup.</summary>
internal static class Tables
{
    public static Table Create(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(new Text(column, new Style(decoration: Decoration.Bold))));
        }

        return table;
    }

    /// <summary>One line of plain text (never read as markup).</summary>
    public static void Line(this IAnsiConsole console, string text = "") => console.Write(new Text(text + Environment.NewLine));

    public static void Row(this Table table, params string?[] cells) =>
        table.AddRow(cells.Select(cell => (IRenderable)new Text(cell ?? "")).ToArray());
}
