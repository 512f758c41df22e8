namespace Statecraft.Testing;

/// <summary>The checkout the tests run from (the folder holding <c>Silo.sln</c>), to read shipped files such as rules and dashboards.</summary>
public static class RepositoryRoot
{
    /// <summary>The checkout's root folder.</summary>
    public static string Path { get; } = Find();

    /// <summary>A path under the root, from '/'-separated parts.</summary>
    public static string File(string relative) => System.IO.Path.Combine(Path, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));

    private static string Find()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !System.IO.File.Exists(System.IO.Path.Combine(root.FullName, "Silo.sln")))
        {
            root = root.Parent;
        }

        return root?.FullName ?? throw new InvalidOperationException($"No Silo.sln above {AppContext.BaseDirectory}: run the tests from a checkout.");
    }
}
