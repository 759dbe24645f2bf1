//! The server on an ephemeral loopback port, on a thread and runtime of its
//! own for the rest of the process: the plain router, or `serve_listener`
//! with its connection limits.

use std::net::SocketAddr;

use sitrep_server::{router, serve_listener, ServerConfig};

/// How the server is run.
#[derive(Debug, Clone, Copy)]
enum Serving {
    /// `axum::serve(router(config))`: no connection limits.
    Router,
    /// `serve_listener`: connection cap, header and idle timeouts.
    Listener,
}

/// Serves `router(config)`; returns its address once it listens.
pub fn serve(config: ServerConfig) -> SocketAddr {
    spawn(config, Serving::Router)
}

/// Serves with `serve_listener` (connection limits) the same way.
pub fn serve_with_limits(config: ServerConfig) -> SocketAddr {
    spawn(config, Serving::Listener)
}

fn spawn(config: ServerConfig, how: Serving) -> SocketAddr {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a tokio runtime");
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind a loopback port");
            tx.send(listener.local_addr().expect("local address"))
                .expect("report the address");
            match how {
                Serving::Router => axum::serve(listener, router(&config)).await.expect("serve"),
                Serving::Listener => serve_listener(listener, config).await.expect("serve"),
            }
        });
    });
    rx.recv().expect("the server's address")
}
