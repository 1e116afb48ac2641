//! The preview page of `foldline watch --serve`: on 127.0.0.1 only, no
//! login. It serves the page itself, the state of the last build as JSON,
//! and the last good PDF and page pictures from memory: no file on disk is
//! ever served, so nothing outside the content folder can be read through
//! it. The page polls the state and reloads the pictures after each build;
//! its pickers send the county, language and product back to the loop.

use super::make::Make;
use super::watch::{Choice, Wake};
use foldline::content::languages::LANGUAGES;
use foldline::content::registry::{slug, Registry, Status};
use foldline::error::{Error, Result};
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};
use tiny_http::{Header, Method, Request, Response, Server};

const PAGE: &str = include_str!("preview.html");

/// What the page shows: the last build, and the last good one's pages,
/// county and language.
#[derive(Default)]
struct State {
    build: usize,
    /// The build whose pages and PDF are held (the last good one).
    good: usize,
    pages: Vec<Vec<u8>>,
    pdf: Vec<u8>,
    pdf_name: String,
    error: Option<String>,
    county: String,
    lang: String,
    product: String,
    /// Made from a content file, whose language is its own: the language
    /// picker then offers only that one.
    from_file: bool,
}

pub struct Page {
    state: Arc<Mutex<State>>,
    address: SocketAddr,
}

impl Page {
    pub fn address(&self) -> String {
        format!("http://{}/", self.address)
    }

    /// A good build: its pages and PDF replace the ones shown.
    pub fn show(
        &self,
        build: usize,
        built: &super::make::Built,
        pictures: Vec<Vec<u8>>,
        make: &Make,
    ) {
        let mut s = lock(&self.state);
        s.build = build;
        s.good = build;
        s.pages = pictures;
        s.pdf = built.bytes.clone();
        s.pdf_name = built
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        s.error = None;
        chosen(&mut s, make);
        s.county = built.county.clone();
        s.lang = built.language.clone();
    }

    /// A failed build: its error is shown over the last good pages.
    pub fn fail(&self, build: usize, error: &Error, make: &Make) {
        let mut s = lock(&self.state);
        s.build = build;
        s.error = Some(error.shown(false));
        chosen(&mut s, make);
    }
}

fn lock(state: &Mutex<State>) -> std::sync::MutexGuard<'_, State> {
    // A panic while holding it cannot leave the state half-changed in a
    // way that matters to a picture viewer.
    state.lock().unwrap_or_else(|e| e.into_inner())
}

/// The choices as asked; a good build then says the county and language
/// it was made for (those of the content when none was asked), which a
/// failed one leaves as they were.
fn chosen(s: &mut State, make: &Make) {
    let c = make.common();
    if let Some(county) = &c.county {
        s.county = slug(county);
    }
    if let Some(lang) = &c.lang {
        s.lang = lang.clone();
    }
    s.product = make.kind().to_string();
}

/// Starts the page's server on 127.0.0.1:`port` (a free port if None).
pub fn start(port: Option<u16>, wake: Sender<Wake>, make: &Make) -> Result<Page> {
    let at = SocketAddr::from((Ipv4Addr::LOCALHOST, port.unwrap_or(0)));
    let server = Server::http(at).map_err(|e| {
        Error::io(format!(
            "cannot start the preview page on {at}: {e}; give another port with --port"
        ))
    })?;
    let address = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| Error::io("the preview page has no network address"))?;
    let state = Arc::new(Mutex::new(State::default()));
    {
        let mut s = lock(&state);
        chosen(&mut s, make);
        s.from_file = make.common().content.is_some();
    }
    let shared = state.clone();
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            answer(request, &shared, &wake, address);
        }
    });
    Ok(Page { state, address })
}

fn answer(request: Request, state: &Mutex<State>, wake: &Sender<Wake>, address: SocketAddr) {
    // Only pages opened as this address (or localhost) are answered, so
    // that a web site cannot reach the server through a name of its own
    // that it points at 127.0.0.1 (DNS rebinding).
    let host = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Host"))
        .map(|h| h.value.as_str().to_string())
        .unwrap_or_default();
    let port = address.port();
    if host != format!("127.0.0.1:{port}") && host != format!("localhost:{port}") {
        let _ = request.respond(Response::from_string("not found").with_status_code(404));
        return;
    }
    let url = request.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    let response = match (request.method(), path) {
        (Method::Get, "/") => bytes(PAGE.as_bytes().to_vec(), "text/html; charset=utf-8"),
        (Method::Get, "/state") => bytes(state_json(&lock(state)).into_bytes(), "application/json"),
        (Method::Get, "/piece.pdf") => bytes(lock(state).pdf.clone(), "application/pdf"),
        (Method::Get, p) if p.starts_with("/page/") => {
            let n: Option<usize> = p["/page/".len()..]
                .strip_suffix(".png")
                .and_then(|n| n.parse().ok());
            match n.and_then(|n| lock(state).pages.get(n.wrapping_sub(1)).cloned()) {
                Some(png) => bytes(png, "image/png"),
                None => Response::from_string("no such page")
                    .with_status_code(404)
                    .boxed(),
            }
        }
        (Method::Post, "/choose") => {
            let _ = wake.send(Wake::Chose(choice(query)));
            Response::empty(204).boxed()
        }
        _ => Response::from_string("not found")
            .with_status_code(404)
            .boxed(),
    };
    let _ = request.respond(response);
}

fn bytes(data: Vec<u8>, kind: &str) -> tiny_http::ResponseBox {
    let mut r = Response::from_data(data);
    for (k, v) in [("Content-Type", kind), ("Cache-Control", "no-store")] {
        if let Ok(h) = Header::from_bytes(k, v) {
            r.add_header(h);
        }
    }
    r.boxed()
}

/// `county=yolo&lang=es&product=card`, each optional.
fn choice(query: &str) -> Choice {
    let mut c = Choice::default();
    for pair in query.split('&') {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let v = v.to_string();
        // Values are county slugs, language codes and product names: no
        // character that needs percent-decoding.
        if v.is_empty() || !v.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-') {
            continue;
        }
        match k {
            "county" => c.county = Some(v),
            "lang" => c.lang = Some(v),
            "product" => c.product = Some(v),
            _ => {}
        }
    }
    c
}

fn state_json(s: &State) -> String {
    let counties: Vec<serde_json::Value> = Registry::embedded()
        .map(|r| {
            r.counties
                .iter()
                .filter(|c| c.status() == Status::Sourced)
                .map(|c| serde_json::json!({ "value": c.slug(), "name": c.name }))
                .collect()
        })
        .unwrap_or_default();
    let languages: Vec<serde_json::Value> = LANGUAGES
        .iter()
        .filter(|l| !s.from_file || l.code == s.lang)
        .map(|l| {
            let name = match l.english == l.native {
                true => l.english.to_string(),
                false => format!("{} ({})", l.english, l.native),
            };
            serde_json::json!({ "value": l.code, "name": name })
        })
        .collect();
    serde_json::json!({
        "build": s.build,
        "good": s.good,
        "pages": s.pages.len(),
        "pdf": s.pdf_name,
        "error": s.error,
        "county": s.county,
        "lang": s.lang,
        "product": s.product,
        "counties": counties,
        "languages": languages,
        "fixed_language": s.from_file,
        "products": ["brochure", "poster", "card"],
    })
    .to_string()
}
