using MlNetFaces.Faces;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;

namespace MlNetFaces.Gallery;

/// <summary>
/// A persistent 1:N gallery in one SQLite file: identities, their templates (embeddings, kept individually or
/// averaged) and metadata (schema version, embedding model id and dimension, rejection threshold).
/// Every write is one transaction with a rollback journal and <c>synchronous=FULL</c>, so a crash or a kill
/// mid-write leaves the previous state (SQLite rolls the hot journal back on the next open).
/// A gallery is bound to the embedding model it was built with: opening it with another model id is refused.
/// Not thread-safe: one instance per thread (any number of processes may open the same file).
/// </summary>
public sealed class FaceGallery : IDisposable
{
    /// <summary>The schema this build writes and the newest it reads.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>The uncalibrated default threshold (dlib/face-api's same-person distance).</summary>
    public const double DefaultThreshold = FaceDistance.SamePersonThreshold;

    /// <summary>The longest identity name accepted, in UTF-16 characters; longer ones are a <see cref="GalleryErrorKind.InvalidName"/> refusal.</summary>
    public const int MaxNameLength = 200;

    private const string MetaSchemaVersion = "schema_version";
    private const string MetaModelId = "embedding_model_id";
    private const string MetaDimension = "embedding_dimension";
    private const string MetaThreshold = "threshold";
    private const string MetaThresholdCalibrated = "threshold_calibrated";
    private const string MetaThresholdSource = "threshold_source";
    private const string MetaCreated = "created_utc";

    private static readonly string[] ReservedKeys =
        [MetaSchemaVersion, MetaModelId, MetaDimension, MetaThreshold, MetaThresholdCalibrated, MetaThresholdSource, MetaCreated];

    private readonly SqliteConnection connection;

    private FaceGallery(SqliteConnection connection, string path, string modelId, int dimension)
    {
        this.connection = connection;
        Path = path;
        ModelId = modelId;
        Dimension = dimension;
    }

    /// <summary>The database file (":memory:" for an in-memory gallery).</summary>
    public string Path { get; }

    /// <summary>The embedding model id recorded when the gallery was created.</summary>
    public string ModelId { get; }

    /// <summary>Embedding length.</summary>
    public int Dimension { get; }

    /// <summary>The schema version recorded in the file (at most <see cref="CurrentSchemaVersion"/>).</summary>
    public int SchemaVersion => MetaInteger(Path, MetaSchemaVersion, GetMeta(MetaSchemaVersion));

    /// <summary>The match threshold stored in the gallery: <see cref="DefaultThreshold"/> with source "default" until one is set or calibrated.</summary>
    public GalleryThreshold Threshold => new(
        MetaThresholdValue(Path, GetMeta(MetaThreshold)),
        GetMeta(MetaThresholdCalibrated) == "1",
        GetMeta(MetaThresholdSource) ?? "default");

    /// <summary>
    /// Opens a gallery file for an embedding model, creating it when <paramref name="create"/> and absent.
    /// Refuses (<see cref="GalleryException"/>) a file that is not a gallery, a newer schema, or another model; with
    /// <paramref name="embeddingModelId"/> null any model is accepted (to list, rename or remove people), and nothing is created.
    /// </summary>
    public static FaceGallery Open(string path, string? embeddingModelId, int dimension = 128, bool create = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (embeddingModelId is not null || create)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(embeddingModelId);
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        var full = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new GalleryException(GalleryErrorKind.NotAGallery, $"{path}: is a folder, not a gallery file.");
        }

        if (!File.Exists(full))
        {
            if (!create)
            {
                throw new GalleryException(GalleryErrorKind.NotFound, $"{path}: no such gallery (enrol someone first: gallery enroll --db {path} NAME IMAGE).");
            }

            if (System.IO.Path.GetDirectoryName(full) is { } folder)
            {
                try
                {
                    Directory.CreateDirectory(folder);
                }
                catch (IOException ex)
                {
                    throw new GalleryException(GalleryErrorKind.NotFound, $"{path}: cannot create the gallery's folder ({ex.Message.TrimEnd('.')}).", ex);
                }
            }
        }
        else if (!create && new FileInfo(full).Length == 0)
        {
            throw new GalleryException(GalleryErrorKind.NotAGallery, $"{path}: an empty file (0 bytes), not an MlNetFaces gallery.");
        }

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = false,
            ForeignKeys = true,
        };
        return OpenConnection(new SqliteConnection(builder.ToString()), path, embeddingModelId, dimension, create);
    }

    /// <summary>A gallery that lives in memory only (demos, tests); same behaviour as a file.</summary>
    public static FaceGallery CreateInMemory(string embeddingModelId, int dimension = 128)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(embeddingModelId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        var builder = new SqliteConnectionStringBuilder { DataSource = ":memory:", Pooling = false, ForeignKeys = true };
        return OpenConnection(new SqliteConnection(builder.ToString()), ":memory:", embeddingModelId, dimension, create: true);
    }

    /// <summary>
    /// Enrols a person from one or several embeddings: kept as separate templates, or stored as their mean
    /// when <paramref name="average"/>. All or nothing: on any error the gallery is unchanged.
    /// </summary>
    public GalleryIdentity Enroll(string name, IReadOnlyList<GalleryTemplateInput> templates, EnrollMode mode = EnrollMode.New, bool average = false)
    {
        ArgumentNullException.ThrowIfNull(templates);
        name = ValidateName(name);
        if (templates.Count == 0)
        {
            throw new GalleryException(GalleryErrorKind.InvalidArgument, $"Enrolling '{name}': no templates given.");
        }

        foreach (var t in templates)
        {
            ValidateEmbedding(t.Embedding, $"Enrolling '{name}' ({t.Source ?? "embedding"})");
        }

        var stored = average
            ? [new GalleryTemplateInput(Mean(templates.Select(t => t.Embedding).ToList()), "mean of " + string.Join("; ", templates.Select(t => t.Source ?? "?")))]
            : templates;

        using var tx = connection.BeginTransaction(deferred: false);
        var id = PrepareIdentity(tx, name, mode);
        foreach (var t in stored)
        {
            InsertTemplate(tx, id, t, average);
        }

        tx.Commit();
        return Find(name)!;
    }

    /// <summary>
    /// Adds templates streamed from <paramref name="rows"/> (name, template) in ONE transaction: rows of the same
    /// name form one identity; a name already in the gallery before the import follows <paramref name="mode"/>.
    /// The enumeration runs inside the transaction, so a failure (or a kill) at any row leaves the gallery as it was.
    /// Returns the number of templates added.
    /// </summary>
    public int Import(IEnumerable<(string Name, GalleryTemplateInput Template)> rows, EnrollMode mode = EnrollMode.New)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var tx = connection.BeginTransaction(deferred: false);
        using var insert = InsertTemplateCommand(tx);
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        var count = 0;
        foreach (var (rawName, template) in rows)
        {
            var name = ValidateName(rawName);
            ValidateEmbedding(template.Embedding, $"Importing '{name}' ({template.Source ?? "row " + (count + 1).ToString(CultureInfo.InvariantCulture)})");
            if (!ids.TryGetValue(name, out var id))
            {
                id = PrepareIdentity(tx, name, mode);
                ids[name] = id;
            }

            InsertTemplate(insert, id, template, averaged: false);
            count++;
        }

        tx.Commit();
        return count;
    }

    /// <summary>Removes a person and all their templates.</summary>
    public void Remove(string name)
    {
        name = ValidateName(name, forLookup: true);
        using var tx = connection.BeginTransaction(deferred: false);
        using var command = Command(tx, "DELETE FROM identities WHERE name = $name", ("$name", name));
        if (command.ExecuteNonQuery() == 0)
        {
            throw UnknownName(name);
        }

        tx.Commit();
    }

    /// <summary>Renames a person; the new name must be free.</summary>
    public void Rename(string oldName, string newName)
    {
        oldName = ValidateName(oldName, forLookup: true);
        newName = ValidateName(newName);
        using var tx = connection.BeginTransaction(deferred: false);
        if (IdOf(tx, oldName) is not { } id)
        {
            throw UnknownName(oldName);
        }

        if (oldName == newName)
        {
            return;
        }

        if (IdOf(tx, newName) is not null)
        {
            throw Duplicate(newName);
        }

        using var command = Command(tx, "UPDATE identities SET name = $new WHERE id = $id", ("$new", newName), ("$id", id));
        command.ExecuteNonQuery();
        tx.Commit();
    }

    /// <summary>All identities, by name.</summary>
    public IReadOnlyList<GalleryIdentity> List()
    {
        using var command = Command(
            null,
            "SELECT i.name, COUNT(t.id), i.created_utc FROM identities i LEFT JOIN templates t ON t.identity_id = i.id "
            + "GROUP BY i.id ORDER BY i.name");
        using var reader = command.ExecuteReader();
        var result = new List<GalleryIdentity>();
        while (reader.Read())
        {
            result.Add(new GalleryIdentity(reader.GetString(0), reader.GetInt32(1), reader.GetString(2)));
        }

        return result;
    }

    /// <summary>One identity, or null.</summary>
    public GalleryIdentity? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        using var command = Command(
            null,
            "SELECT i.name, (SELECT COUNT(*) FROM templates t WHERE t.identity_id = i.id), i.created_utc FROM identities i WHERE i.name = $name",
            ("$name", Canonical(name)));
        using var reader = command.ExecuteReader();
        return reader.Read() ? new GalleryIdentity(reader.GetString(0), reader.GetInt32(1), reader.GetString(2)) : null;
    }

    /// <summary>Throws <see cref="GalleryErrorKind.DuplicateName"/> (or InvalidName) unless the name can be enrolled as new.</summary>
    public void RequireFreeName(string name)
    {
        name = ValidateName(name);
        if (IdOf(null, name) is not null)
        {
            throw Duplicate(name);
        }
    }

    /// <summary>Number of identities and of templates.</summary>
    public (int Identities, int Templates) Count()
    {
        using var command = Command(null, "SELECT (SELECT COUNT(*) FROM identities), (SELECT COUNT(*) FROM templates)");
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    /// <summary>Every template, ordered by identity name then insertion.</summary>
    public IReadOnlyList<GalleryTemplate> Templates()
    {
        using var command = Command(
            null,
            "SELECT t.id, i.name, t.embedding, t.source, t.averaged FROM templates t JOIN identities i ON i.id = t.identity_id ORDER BY i.name, t.id");
        using var reader = command.ExecuteReader();
        var result = new List<GalleryTemplate>();
        while (reader.Read())
        {
            result.Add(new GalleryTemplate(
                reader.GetInt64(0),
                reader.GetString(1),
                FromBlob((byte[])reader.GetValue(2)),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetInt64(4) != 0));
        }

        return result;
    }

    /// <summary>An immutable in-memory copy of the templates, labels and threshold, ready for search.</summary>
    public GallerySnapshot Snapshot()
    {
        var templates = Templates();
        var names = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var identityOf = new int[templates.Count];
        var matrix = new float[templates.Count * Dimension];
        for (var i = 0; i < templates.Count; i++)
        {
            if (!index.TryGetValue(templates[i].Identity, out var k))
            {
                k = names.Count;
                index[templates[i].Identity] = k;
                names.Add(templates[i].Identity);
            }

            identityOf[i] = k;
            templates[i].Embedding.CopyTo(matrix, i * Dimension);
        }

        return new GallerySnapshot(ModelId, Dimension, names.ToArray(), identityOf, matrix, Threshold);
    }

    /// <summary>
    /// Stores the rejection threshold (a calibration command calls this with calibrated: true and a source such as
    /// "lfw far=0.001"). Must be positive and finite.
    /// </summary>
    public void SetThreshold(double value, bool calibrated, string source)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            throw new GalleryException(GalleryErrorKind.InvalidArgument, $"The threshold must be a positive distance, got {value.ToString(CultureInfo.InvariantCulture)}.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        using var tx = connection.BeginTransaction(deferred: false);
        SetMeta(tx, MetaThreshold, value.ToString("R", CultureInfo.InvariantCulture));
        SetMeta(tx, MetaThresholdCalibrated, calibrated ? "1" : "0");
        SetMeta(tx, MetaThresholdSource, source);
        tx.Commit();
    }

    /// <summary>A free-form metadata value (e.g. calibration details), or null.</summary>
    public string? GetMetadata(string key) => GetMeta(key);

    /// <summary>Stores a free-form metadata value; the gallery's own keys (schema, model, threshold) are refused.</summary>
    public void SetMetadata(string key, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(value);
        if (ReservedKeys.Contains(key))
        {
            throw new GalleryException(GalleryErrorKind.InvalidArgument, $"'{key}' is managed by the gallery itself (use SetThreshold for the threshold).");
        }

        using var tx = connection.BeginTransaction(deferred: false);
        SetMeta(tx, key, value);
        tx.Commit();
    }

    /// <summary>SQLite's own consistency check ("ok" when the file is sound).</summary>
    public string IntegrityCheck()
    {
        using var command = Command(null, "PRAGMA integrity_check");
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
    }

    /// <summary>Closes the database connection.</summary>
    public void Dispose() => connection.Dispose();

    internal static float[] FromBlob(byte[] blob) => MemoryMarshal.Cast<byte, float>(blob).ToArray();

    internal static byte[] ToBlob(float[] embedding) => MemoryMarshal.AsBytes(embedding.AsSpan()).ToArray();

    private static FaceGallery OpenConnection(SqliteConnection connection, string path, string? modelId, int dimension, bool create)
    {
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL;");
            var gallery = Initialise(connection, path, modelId, dimension, create);
            return gallery;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 26 /* SQLITE_NOTADB */ or 11 /* SQLITE_CORRUPT */)
        {
            connection.Dispose();
            throw new GalleryException(GalleryErrorKind.NotAGallery, $"{path}: not an MlNetFaces gallery ({ex.Message.TrimEnd('.')}).", ex);
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new GalleryException(GalleryErrorKind.NotFound, $"{path}: cannot open the gallery ({ex.Message.TrimEnd('.')}).", ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static FaceGallery Initialise(SqliteConnection connection, string path, string? modelId, int dimension, bool create)
    {
        using (var tx = connection.BeginTransaction(deferred: false))
        {
            var tables = new List<string>();
            using (var command = new SqliteCommand("SELECT name FROM sqlite_master WHERE type = 'table'", connection, tx))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            if (!tables.Contains("meta"))
            {
                if (tables.Count > 0 || !create)
                {
                    throw new GalleryException(GalleryErrorKind.NotAGallery, $"{path}: an SQLite database, but not an MlNetFaces gallery (it has no meta table).");
                }

                CreateSchema(connection, tx, modelId!, dimension);
            }

            tx.Commit();
        }

        var storedDimension = MetaInteger(path, MetaDimension, ReadRequired(connection, path, MetaDimension));
        var version = MetaInteger(path, MetaSchemaVersion, ReadRequired(connection, path, MetaSchemaVersion));
        MetaThresholdValue(path, ReadOptional(connection, MetaThreshold));
        var gallery = new FaceGallery(connection, path, ReadRequired(connection, path, MetaModelId), storedDimension);
        if (version > CurrentSchemaVersion)
        {
            throw new GalleryException(
                GalleryErrorKind.SchemaTooNew,
                $"{path}: gallery schema {version} was written by a newer MlNetFaces; this build reads schema {CurrentSchemaVersion} at most.");
        }

        if (modelId is not null && (gallery.ModelId != modelId || gallery.Dimension != dimension))
        {
            throw new GalleryException(
                GalleryErrorKind.ModelMismatch,
                $"{path}: this gallery holds embeddings of model '{gallery.ModelId}' ({gallery.Dimension}-D), but the current model is '{modelId}' ({dimension}-D); "
                + "embeddings of different models are not comparable: re-enrol into a new gallery with the current model.");
        }

        return gallery;
    }

    private static void CreateSchema(SqliteConnection connection, SqliteTransaction tx, string modelId, int dimension)
    {
        using (var command = new SqliteCommand(
            """
            CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
            CREATE TABLE identities (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                created_utc TEXT NOT NULL);
            CREATE TABLE templates (
                id INTEGER PRIMARY KEY,
                identity_id INTEGER NOT NULL REFERENCES identities(id) ON DELETE CASCADE,
                embedding BLOB NOT NULL,
                source TEXT,
                averaged INTEGER NOT NULL DEFAULT 0,
                created_utc TEXT NOT NULL);
            CREATE INDEX templates_identity ON templates(identity_id);
            """,
            connection,
            tx))
        {
            command.ExecuteNonQuery();
        }

        SetMeta(connection, tx, MetaSchemaVersion, CurrentSchemaVersion.ToString(CultureInfo.InvariantCulture));
        SetMeta(connection, tx, MetaModelId, modelId);
        SetMeta(connection, tx, MetaDimension, dimension.ToString(CultureInfo.InvariantCulture));
        SetMeta(connection, tx, MetaThreshold, DefaultThreshold.ToString("R", CultureInfo.InvariantCulture));
        SetMeta(connection, tx, MetaThresholdCalibrated, "0");
        SetMeta(connection, tx, MetaThresholdSource, "default");
        SetMeta(connection, tx, MetaCreated, Now());
    }

    private static int MetaInteger(string path, string key, string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new GalleryException(GalleryErrorKind.NotAGallery, $"{path}: gallery metadata '{key}' is '{text}', not a positive whole number.");

    private static double MetaThresholdValue(string path, string? text) =>
        text is null
            ? DefaultThreshold
            : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value > 0
                ? value
                : throw new GalleryException(GalleryErrorKind.NotAGallery, $"{path}: gallery metadata '{MetaThreshold}' is '{text}', not a positive number.");

    private static string? ReadOptional(SqliteConnection connection, string key)
    {
        using var command = new SqliteCommand("SELECT value FROM meta WHERE key = $key", connection);
        command.Parameters.AddWithValue("$key", key);
        return command.ExecuteScalar() as string;
    }

    private static string ReadRequired(SqliteConnection connection, string path, string key)
    {
        using var command = new SqliteCommand("SELECT value FROM meta WHERE key = $key", connection);
        command.Parameters.AddWithValue("$key", key);
        return command.ExecuteScalar() as string
            ?? throw new GalleryException(GalleryErrorKind.NotAGallery, $"{path}: gallery metadata '{key}' is missing.");
    }

    private static void SetMeta(SqliteConnection connection, SqliteTransaction tx, string key, string value)
    {
        using var command = new SqliteCommand("INSERT INTO meta(key, value) VALUES($key, $value) ON CONFLICT(key) DO UPDATE SET value = excluded.value", connection, tx);
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$value", value);
        command.ExecuteNonQuery();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = new SqliteCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static string Now() => DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    /// <summary>Trimmed and in Unicode normalisation form C, so that "Zoë" typed precomposed or decomposed is one name.</summary>
    private static string Canonical(string name)
    {
        try
        {
            return name.Trim().Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException ex)
        {
            throw new GalleryException(GalleryErrorKind.InvalidName, "A name must be valid Unicode text (it has a broken surrogate pair).", ex);
        }
    }

    private static string ValidateName(string name, bool forLookup = false)
    {
        if (name is null || string.IsNullOrWhiteSpace(name))
        {
            throw new GalleryException(GalleryErrorKind.InvalidName, "A name must not be empty.");
        }

        name = Canonical(name);
        if (forLookup)
        {
            return name;
        }

        if (name.Length > MaxNameLength)
        {
            throw new GalleryException(GalleryErrorKind.InvalidName, $"A name has at most {MaxNameLength} characters, '{name[..20]}...' has {name.Length}.");
        }

        if (name.Any(char.IsControl))
        {
            throw new GalleryException(GalleryErrorKind.InvalidName, "A name must not contain control characters (tabs, newlines).");
        }

        if (string.Equals(name, GalleryMatch.Unknown, StringComparison.OrdinalIgnoreCase))
        {
            throw new GalleryException(GalleryErrorKind.InvalidName, $"'{name}' is reserved: identification answers '{GalleryMatch.Unknown}' for rejected faces.");
        }

        return name;
    }

    private static float[] Mean(List<float[]> embeddings)
    {
        var mean = new float[embeddings[0].Length];
        foreach (var e in embeddings)
        {
            for (var i = 0; i < mean.Length; i++)
            {
                mean[i] += e[i];
            }
        }

        for (var i = 0; i < mean.Length; i++)
        {
            mean[i] /= embeddings.Count;
        }

        return mean;
    }

    private static GalleryException UnknownName(string name) =>
        new(GalleryErrorKind.UnknownName, $"'{name}' is not in the gallery (gallery list shows who is).");

    private static GalleryException Duplicate(string name) =>
        new(GalleryErrorKind.DuplicateName, $"'{name}' is already enrolled: choose another name, or pass --replace to replace their templates (--append to add to them).");

    private void ValidateEmbedding(float[]? embedding, string what)
    {
        if (embedding is null || embedding.Length != Dimension)
        {
            throw new GalleryException(GalleryErrorKind.InvalidEmbedding, $"{what}: the embedding has {embedding?.Length ?? 0} values, this gallery holds {Dimension}-D embeddings.");
        }

        if (embedding.Any(v => !float.IsFinite(v)))
        {
            throw new GalleryException(GalleryErrorKind.InvalidEmbedding, $"{what}: the embedding has a NaN or infinite value.");
        }

        if (embedding.All(v => v == 0))
        {
            throw new GalleryException(GalleryErrorKind.InvalidEmbedding, $"{what}: the embedding is all zeros.");
        }
    }

    private long PrepareIdentity(SqliteTransaction tx, string name, EnrollMode mode)
    {
        if (IdOf(tx, name) is { } existing)
        {
            switch (mode)
            {
                case EnrollMode.New:
                    throw Duplicate(name);
                case EnrollMode.Replace:
                    using (var delete = Command(tx, "DELETE FROM templates WHERE identity_id = $id", ("$id", existing)))
                    {
                        delete.ExecuteNonQuery();
                    }

                    break;
            }

            return existing;
        }

        using var insert = Command(tx, "INSERT INTO identities(name, created_utc) VALUES($name, $now) RETURNING id", ("$name", name), ("$now", Now()));
        return (long)insert.ExecuteScalar()!;
    }

    private void InsertTemplate(SqliteTransaction tx, long identityId, GalleryTemplateInput template, bool averaged)
    {
        using var command = InsertTemplateCommand(tx);
        InsertTemplate(command, identityId, template, averaged);
    }

    private SqliteCommand InsertTemplateCommand(SqliteTransaction tx)
    {
        var command = Command(
            tx,
            "INSERT INTO templates(identity_id, embedding, source, averaged, created_utc) VALUES($id, $embedding, $source, $averaged, $now)",
            ("$id", 0L),
            ("$embedding", Array.Empty<byte>()),
            ("$source", DBNull.Value),
            ("$averaged", 0),
            ("$now", ""));
        command.Prepare();
        return command;
    }

    private static void InsertTemplate(SqliteCommand command, long identityId, GalleryTemplateInput template, bool averaged)
    {
        command.Parameters["$id"].Value = identityId;
        command.Parameters["$embedding"].Value = ToBlob(template.Embedding);
        command.Parameters["$source"].Value = (object?)template.Source ?? DBNull.Value;
        command.Parameters["$averaged"].Value = averaged ? 1 : 0;
        command.Parameters["$now"].Value = Now();
        command.ExecuteNonQuery();
    }

    private long? IdOf(SqliteTransaction? tx, string name)
    {
        using var command = Command(tx, "SELECT id FROM identities WHERE name = $name", ("$name", name));
        return command.ExecuteScalar() is long id ? id : null;
    }

    private string? GetMeta(string key)
    {
        using var command = Command(null, "SELECT value FROM meta WHERE key = $key", ("$key", key));
        return command.ExecuteScalar() as string;
    }

    private void SetMeta(SqliteTransaction tx, string key, string value) => SetMeta(connection, tx, key, value);

    private SqliteCommand Command(SqliteTransaction? tx, string sql, params (string Name, object Value)[] parameters)
    {
        var command = new SqliteCommand(sql, connection, tx);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
