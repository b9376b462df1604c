//! Bounds on connections themselves, for gRPC and MCP over HTTP alike: at most
//! `max_open_connections` open (a connection past it is closed at accept), a connection
//! that sends no byte within `preface_timeout_ms` of its accept is closed (HTTP/2's
//! preface, HTTP/1's first request), and one that exchanges no byte for
//! `idle_timeout_ms` is closed. Without these, 5,000 sockets that never send a byte
//! each held 15 KB and a file descriptor forever.
//!
//! Idle is judged on bytes, not streams: a client that keeps a quiet connection open
//! longer sends HTTP/2 keepalive pings (grpc-go, grpcio and tonic can), which count.

use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::time::{Instant, Sleep};

/// The limits, from `[server]`.
#[derive(Clone, Copy, Debug)]
pub struct ConnLimits {
    /// Most connections open at once on one listener.
    pub max_open: usize,
    /// Longest wait for a connection's first byte.
    pub preface_timeout: Duration,
    /// Longest a connection may exchange no byte.
    pub idle_timeout: Duration,
}

/// Counts one listener's open connections and what it closed.
#[derive(Debug)]
pub struct ConnGate {
    /// The limits.
    limits: ConnLimits,
    /// Connections open now (admitted, not yet dropped).
    open: AtomicUsize,
    /// Connections closed at accept because `max_open` were open.
    refused: AtomicU64,
    /// Connections closed for sending nothing, or nothing for too long.
    timed_out: AtomicU64,
}

impl ConnGate {
    /// A gate with these limits.
    pub fn new(limits: ConnLimits) -> Arc<ConnGate> {
        Arc::new(ConnGate { limits, open: AtomicUsize::new(0), refused: AtomicU64::new(0), timed_out: AtomicU64::new(0) })
    }

    /// Admits an accepted socket, or closes it (returns `None`) at the cap.
    pub fn admit(self: &Arc<Self>, stream: TcpStream) -> Option<Guarded> {
        let was = self.open.fetch_add(1, Ordering::AcqRel);
        if was >= self.limits.max_open {
            self.open.fetch_sub(1, Ordering::AcqRel);
            self.refused.fetch_add(1, Ordering::Relaxed);
            // Dropping the socket closes it: the client sees the connection end.
            return None;
        }
        let _ = stream.set_nodelay(true);
        let now = Instant::now();
        Some(Guarded {
            inner: stream,
            gate: self.clone(),
            talked: false,
            last_byte: now,
            accepted: now,
            timer: Box::pin(tokio::time::sleep_until(now + self.limits.preface_timeout)),
        })
    }

    /// Connections open now.
    pub fn open(&self) -> usize {
        self.open.load(Ordering::Acquire)
    }

    /// Connections refused at the cap so far.
    pub fn refused(&self) -> u64 {
        self.refused.load(Ordering::Relaxed)
    }

    /// Connections closed for silence so far.
    pub fn timed_out(&self) -> u64 {
        self.timed_out.load(Ordering::Relaxed)
    }
}

/// A socket under a [`ConnGate`]: its reads fail once it has been silent too long, and
/// dropping it frees its place.
pub struct Guarded {
    /// The socket.
    inner: TcpStream,
    /// Whose place it holds.
    gate: Arc<ConnGate>,
    /// A byte came in since the accept.
    talked: bool,
    /// When the last byte went either way.
    last_byte: Instant,
    /// When it was accepted.
    accepted: Instant,
    /// Fires at the current deadline (re-armed as bytes flow).
    timer: Pin<Box<Sleep>>,
}

impl Guarded {
    /// The socket underneath.
    pub fn get_ref(&self) -> &TcpStream {
        &self.inner
    }

    fn deadline(&self) -> Instant {
        if self.talked {
            self.last_byte + self.gate.limits.idle_timeout
        } else {
            self.accepted + self.gate.limits.preface_timeout
        }
    }

    /// `Err` once the deadline passed; otherwise arms the timer (the server always
    /// has a read pending, so this is polled whenever it could fire).
    fn check_silence(&mut self, cx: &mut Context<'_>) -> io::Result<()> {
        loop {
            let deadline = self.deadline();
            if self.timer.deadline() != deadline {
                self.timer.as_mut().reset(deadline);
            }
            match self.timer.as_mut().poll(cx) {
                Poll::Pending => return Ok(()),
                Poll::Ready(()) if Instant::now() >= self.deadline() => {
                    self.gate.timed_out.fetch_add(1, Ordering::Relaxed);
                    let why = if self.talked { "no byte exchanged within idle_timeout_ms" } else { "no byte sent within preface_timeout_ms" };
                    return Err(io::Error::new(io::ErrorKind::TimedOut, why));
                }
                // Bytes moved since the timer was armed: re-arm at the new deadline.
                Poll::Ready(()) => continue,
            }
        }
    }
}

impl Drop for Guarded {
    fn drop(&mut self) {
        self.gate.open.fetch_sub(1, Ordering::AcqRel);
    }
}

use std::future::Future;

impl AsyncRead for Guarded {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        match Pin::new(&mut self.inner).poll_read(cx, buf) {
            Poll::Ready(Ok(())) => {
                if buf.filled().len() > before {
                    self.talked = true;
                    self.last_byte = Instant::now();
                }
                Poll::Ready(Ok(()))
            }
            Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
            Poll::Pending => match self.check_silence(cx) {
                Ok(()) => Poll::Pending,
                Err(e) => Poll::Ready(Err(e)),
            },
        }
    }
}

impl AsyncWrite for Guarded {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, data: &[u8]) -> Poll<io::Result<usize>> {
        let r = Pin::new(&mut self.inner).poll_write(cx, data);
        if let Poll::Ready(Ok(n)) = r {
            if n > 0 {
                self.last_byte = Instant::now();
            }
        }
        r
    }

    fn poll_write_vectored(mut self: Pin<&mut Self>, cx: &mut Context<'_>, bufs: &[io::IoSlice<'_>]) -> Poll<io::Result<usize>> {
        let r = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        if let Poll::Ready(Ok(n)) = r {
            if n > 0 {
                self.last_byte = Instant::now();
            }
        }
        r
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

impl tonic::transport::server::Connected for Guarded {
    type ConnectInfo = tonic::transport::server::TcpConnectInfo;

    fn connect_info(&self) -> Self::ConnectInfo {
        self.inner.connect_info()
    }
}

/// The accepted sockets of `listener` that pass `gate`, as tonic's incoming stream.
pub fn incoming(listener: tokio::net::TcpListener, gate: Arc<ConnGate>) -> impl tokio_stream::Stream<Item = io::Result<Guarded>> {
    futures::stream::unfold((listener, gate), |(listener, gate)| async move {
        loop {
            match listener.accept().await {
                Ok((stream, _)) => {
                    if let Some(g) = gate.admit(stream) {
                        return Some((Ok(g), (listener, gate)));
                    }
                    tracing::debug!(open = gate.open(), "connection refused: max_open_connections reached");
                }
                // A failed accept (EMFILE, a reset before accept) is logged and the
                // listener goes on; a short pause keeps EMFILE from spinning.
                Err(e) => {
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(10)).await;
                }
            }
        }
    })
}
