using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace MlNetFaces.NotebookRunner;

/// <summary>
/// Finds the native libraries of packages restored by <c>#r "nuget: ..."</c> (their <c>runtimes/RID/native</c>
/// folders), as the notebook host does: the first package folder that holds the asked-for library wins.
/// </summary>
internal static class NativeLibraries
{
    private static readonly List<string> Folders = [];
    private static bool registered;

    public static void Probe(IReadOnlyList<ResolvedPackageReference> packages)
    {
        lock (Folders)
        {
            foreach (var package in packages)
            {
                foreach (var root in package.ProbingPaths.Append(package.PackageRoot).Where(p => !string.IsNullOrEmpty(p)).Distinct())
                {
                    var native = Path.Combine(root, "runtimes", RuntimeInformation.RuntimeIdentifier, "native");
                    if (Directory.Exists(native) && !Folders.Contains(native))
                    {
                        Folders.Add(native);
                    }
                }
            }

            if (!registered)
            {
                AssemblyLoadContext.Default.ResolvingUnmanagedDll += Resolve;
                registered = true;
            }
        }
    }

    private static IntPtr Resolve(Assembly assembly, string name)
    {
        string[] candidates = OperatingSystem.IsWindows() ? [name, name + ".dll"]
            : OperatingSystem.IsMacOS() ? [name, "lib" + name + ".dylib", name + ".dylib"]
            : [name, "lib" + name + ".so", name + ".so"];
        lock (Folders)
        {
            foreach (var folder in Folders)
            {
                foreach (var file in candidates)
                {
                    var path = Path.Combine(folder, file);
                    if (File.Exists(path) && NativeLibrary.TryLoad(path, out var handle))
                    {
                        return handle;
                    }
                }
            }
        }

        return IntPtr.Zero;
    }
}
