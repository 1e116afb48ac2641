//! Paths named inside content files (images, logos) are relative to the
//! content file's folder and must stay inside it: a content file passed
//! around between offices must not be able to pull in `../../etc/passwd`
//! or `/home/someone/private.png`. (The `--content` path itself is the
//! user's own choice and is not checked here.)

use crate::error::{Error, Result};
use std::path::{Component, Path, PathBuf};

/// `relative` joined to `base_dir`, refused if it is absolute or leaves
/// `base_dir` by `..` or through a symbolic link. `\` counts as a folder
/// separator too, so files written on Windows behave the same everywhere.
/// Callers put where the path was written in front of the error (`within`).
pub fn resolve(base_dir: &Path, relative: &str) -> Result<PathBuf> {
    resolve_in(base_dir, relative, "content", "images/logo.png")
}

/// `resolve` for a path in a `kind` file ("content", "plan"): the
/// messages name its folder and give `example`.
pub fn resolve_in(base_dir: &Path, relative: &str, kind: &str, example: &str) -> Result<PathBuf> {
    let folder = format!("the {kind} folder");
    let refuse = |why: String| {
        Error::input(format!(
            "the path \"{relative}\" {why}; name one inside the {kind} file's folder {}, such as {example}, without .. or a leading /",
            match base_dir.as_os_str().is_empty() {
                true => Path::new("."),
                false => base_dir,
            }
            .display()
        ))
    };
    let normalized = relative.replace('\\', "/");
    if normalized.trim().is_empty() {
        return Err(refuse("is empty".into()));
    }
    let drive = normalized.as_bytes().get(1) == Some(&b':')
        && normalized.as_bytes()[0].is_ascii_alphabetic();
    if normalized.starts_with('/') || drive {
        return Err(refuse(format!("leaves {folder}: it is absolute")));
    }
    let mut out = base_dir.to_path_buf();
    let mut depth = 0usize;
    for part in Path::new(&normalized).components() {
        match part {
            Component::Normal(p) => {
                out.push(p);
                depth += 1;
            }
            Component::CurDir => {}
            Component::ParentDir if depth > 0 => {
                out.pop();
                depth -= 1;
            }
            Component::ParentDir => {
                return Err(refuse(format!("leaves {folder}: its .. go above it")))
            }
            Component::RootDir | Component::Prefix(_) => {
                return Err(refuse(format!("leaves {folder}: it is absolute")))
            }
        }
    }
    if depth == 0 {
        return Err(refuse(format!("names {folder} itself")));
    }
    // A symbolic link inside the folder may point anywhere. (The folder of
    // a content file named without one is "", the current folder.)
    let base = match base_dir.as_os_str().is_empty() {
        true => Path::new("."),
        false => base_dir,
    };
    if let (Ok(real), Ok(real_base)) = (out.canonicalize(), base.canonicalize()) {
        if !real.starts_with(&real_base) {
            return Err(refuse(format!("leaves {folder} through a symbolic link")));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::resolve;
    use std::path::Path;

    #[test]
    fn paths_inside_the_folder_are_joined() {
        let base = Path::new("/srv/content");
        assert_eq!(
            resolve(base, "images/logo.png").unwrap(),
            base.join("images/logo.png")
        );
        assert_eq!(
            resolve(base, "./images/../logo.png").unwrap(),
            base.join("logo.png")
        );
        assert_eq!(
            resolve(base, r"images\logo.png").unwrap(),
            base.join("images/logo.png")
        );
    }

    #[test]
    fn escapes_and_absolute_paths_are_refused() {
        let base = Path::new("/srv/content");
        for bad in [
            "../../etc/passwd",
            "..",
            "images/../../secret.png",
            r"..\..\etc\passwd",
            "/etc/passwd",
            r"C:\Windows\win.ini",
            "c:/x.png",
            "",
            ".",
            "images/..",
        ] {
            let e = resolve(base, bad).unwrap_err();
            assert_eq!(e.exit_code(), 2, "{bad}");
            assert!(e.message.contains(&format!("\"{bad}\"")), "{e}");
            let empty = bad.trim_matches(['.', '/']).is_empty() || bad == "images/..";
            assert!(
                empty || e.message.contains("leaves the content folder"),
                "{e}"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_out_of_the_folder_is_refused() {
        let dir = std::env::temp_dir().join(format!("foldline-paths-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("content")).unwrap();
        std::fs::write(dir.join("secret.png"), b"x").unwrap();
        std::fs::write(dir.join("content/logo.png"), b"x").unwrap();
        std::os::unix::fs::symlink(dir.join("secret.png"), dir.join("content/link.png")).unwrap();
        let base = dir.join("content");
        assert!(resolve(&base, "logo.png").is_ok());
        let e = resolve(&base, "link.png").unwrap_err();
        assert!(e.message.contains("symbolic link"), "{e}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
