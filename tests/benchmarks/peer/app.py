# ruff: noqa: A002 - `id` is the path parameter's name, as in the template
"""The peer: what a user would otherwise deploy. One FastAPI app with every route, on one Lambda
behind Mangum, written the way fastapi/full-stack-fastapi-template writes it: a SQLModel
`Session` per request (`SessionDep`), sync route functions, `get_current_user` decoding the JWT
and loading the user, ORM queries built per request. Same tables (shared.models), same wire
shapes, same bcrypt and the same limiter, so both sides do the same work for the same answer.

It is kept small and honest: no tricks of ours (no prebuilt statements, no autocommit, no
async routes), nothing slowed down either.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import timedelta
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request, Response
from jose import JWTError, jwt
from mangum import Mangum
from sqlalchemy import Engine
from sqlmodel import Session, col, create_engine, func, select

from shared.auth.passwords import hash_password, verify_password
from shared.auth.schemas import (
    SessionPublic,
    SessionResult,
    SignInBody,
    SignInResult,
    SignOutResult,
    SignUpBody,
    SignUpResult,
    UserPublic,
)
from shared.config import get_settings
from shared.db import DbSession
from shared.limiter import AttemptLimiter
from shared.models import Task, User, UserSession
from shared.models.columns import utc_now
from shared.models.tasks import title_sort_key
from shared.tasks.schemas import TaskCreate, TaskListQuery, TaskPage, TaskPublic, TaskUpdate

ALGORITHM = "HS256"

_engine: Engine | None = None


def get_engine() -> Engine:
    # The template's core/db.py: one module-level engine (made on first use, so tests can
    # point it at their database first).
    global _engine
    if _engine is None:
        _engine = create_engine(
            get_settings().sqlalchemy_url,
            # The one change PgBouncer in transaction mode forces on any psycopg app.
            connect_args={"prepare_threshold": None},
        )
    return _engine


def dispose_peer_engine() -> None:
    global _engine
    if _engine is not None:
        _engine.dispose()
        _engine = None


def get_db() -> Iterator[Session]:
    with Session(get_engine()) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_db)]


def _bearer(request: Request) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def _unauthorized() -> HTTPException:
    return HTTPException(status_code=401, detail="Could not validate credentials")


def _current(session: Session, token: str | None) -> tuple[User, UserSession] | None:
    if token is None:
        return None
    settings = get_settings()
    try:
        payload = jwt.decode(
            token,
            settings.jwt_secret.get_secret_value(),
            algorithms=[ALGORITHM],
            audience=settings.jwt_audience,
            issuer=settings.jwt_issuer,
        )
        user_id, session_id = uuid.UUID(payload["sub"]), uuid.UUID(payload["sid"])
    except (JWTError, KeyError, ValueError):
        return None
    user = session.get(User, user_id)
    row = session.get(UserSession, session_id)
    live = (
        row is not None
        and row.user_id == user_id
        and row.revoked_at is None
        and row.expires_at > utc_now()
    )
    return (user, row) if user is not None and live and row is not None else None


def get_current_user(session: SessionDep, request: Request) -> User:
    current = _current(session, _bearer(request))
    if current is None:
        raise _unauthorized()
    return current[0]


CurrentUser = Annotated[User, Depends(get_current_user)]


def _issue(session: Session, user: User, request: Request) -> str:
    now = utc_now()
    settings = get_settings()
    row = UserSession(
        id=uuid.uuid4(),
        user_id=user.id,
        created_at=now,
        updated_at=now,
        expires_at=now + timedelta(seconds=settings.session_ttl_seconds),
        ip_address=request.scope.get("aws.event", {})
        .get("requestContext", {})
        .get("identity", {})
        .get("sourceIp"),
        user_agent=request.headers.get("user-agent"),
    )
    session.add(row)
    session.commit()
    claims = {
        "sub": str(user.id),
        "sid": str(row.id),
        "iat": int(now.timestamp()),
        "exp": int(row.expires_at.timestamp()),
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "jti": uuid.uuid4().hex,
    }
    return str(jwt.encode(claims, settings.jwt_secret.get_secret_value(), algorithm=ALGORITHM))


def _limit(action: str, request: Request) -> None:
    ip = request.scope.get("aws.event", {}).get("requestContext", {}).get("identity", {})
    db = DbSession(get_engine())
    try:
        AttemptLimiter.for_action(action).check(db, subject=ip.get("sourceIp", ""))
    finally:
        db.close()


app = FastAPI(title="peer monolith")


@app.post("/api/auth/sign-up/email")
def sign_up(
    body: SignUpBody, session: SessionDep, request: Request, response: Response
) -> SignUpResult:
    _limit("sign-up", request)
    if session.exec(select(User).where(func.lower(User.email) == body.email)).first():
        raise HTTPException(status_code=422, detail="User already exists")
    now = utc_now()
    user = User(
        id=uuid.uuid4(),
        email=body.email,
        name=body.name,
        password_hash=hash_password(body.password),
        created_at=now,
        updated_at=now,
    )
    session.add(user)
    session.commit()
    session.refresh(user)
    token = _issue(session, user, request)
    response.headers["set-auth-token"] = token
    return SignUpResult(token=token, user=UserPublic.model_validate(user, from_attributes=True))


@app.post("/api/auth/sign-in/email")
def sign_in(
    body: SignInBody, session: SessionDep, request: Request, response: Response
) -> SignInResult:
    _limit("sign-in", request)
    user = session.exec(select(User).where(func.lower(User.email) == body.email)).first()
    if not verify_password(body.password, user.password_hash if user else None) or user is None:
        raise HTTPException(status_code=401, detail="Invalid email or password")
    token = _issue(session, user, request)
    response.headers["set-auth-token"] = token
    return SignInResult(token=token, user=UserPublic.model_validate(user, from_attributes=True))


@app.post("/api/auth/sign-out")
def sign_out(session: SessionDep, request: Request) -> SignOutResult:
    current = _current(session, _bearer(request))
    if current is not None:
        row = current[1]
        row.revoked_at = row.updated_at = utc_now()
        session.add(row)
        session.commit()
    return SignOutResult()


@app.get("/api/auth/get-session")
def get_session(session: SessionDep, request: Request, response: Response) -> SessionResult | None:
    response.headers["Cache-Control"] = "no-store"
    current = _current(session, _bearer(request))
    if current is None:
        return None
    user, row = current
    return SessionResult(
        session=SessionPublic.model_validate({**row.model_dump(), "token": _bearer(request)}),
        user=UserPublic.model_validate(user, from_attributes=True),
    )


def _own_task(session: Session, user: User, task_id: str) -> Task:
    try:
        task = session.get(Task, uuid.UUID(task_id))
    except ValueError:
        task = None
    if task is None or task.user_id != user.id:
        raise HTTPException(status_code=404, detail="Task not found")
    return task


_SORTS: dict[str, Any] = {
    "created": Task.created_at,
    "updated": Task.updated_at,
    "title": Task.title_key,
}


@app.get("/api/tasks")
def list_tasks(
    session: SessionDep, user: CurrentUser, query: Annotated[TaskListQuery, Query()]
) -> TaskPage:
    # The template pages by offset; the cursor carries it so the answer has the same shape.
    offset = int(query.cursor or 0)
    statement = select(Task).where(Task.user_id == user.id)
    if query.status != "all":
        statement = statement.where(col(Task.completed) == (query.status == "completed"))
    sort = _SORTS[query.sort]
    ordering = (
        (sort.asc(), col(Task.id).asc())
        if query.order == "asc"
        else (sort.desc(), col(Task.id).desc())
    )
    rows = session.exec(statement.order_by(*ordering).offset(offset).limit(query.limit + 1)).all()
    items = [TaskPublic.model_validate(row, from_attributes=True) for row in rows[: query.limit]]
    more = len(rows) > query.limit
    return TaskPage(items=items, next_cursor=str(offset + query.limit) if more else None)


@app.post("/api/tasks", status_code=201)
def create_task(body: TaskCreate, session: SessionDep, user: CurrentUser) -> TaskPublic:
    now = utc_now()
    task = Task(
        id=uuid.uuid4(),
        user_id=user.id,
        title=body.title,
        title_key=title_sort_key(body.title),
        description=body.description,
        completed=False,
        created_at=now,
        updated_at=now,
    )
    session.add(task)
    session.commit()
    session.refresh(task)
    return TaskPublic.model_validate(task, from_attributes=True)


@app.get("/api/tasks/{id}")
def get_task(id: str, session: SessionDep, user: CurrentUser) -> TaskPublic:
    return TaskPublic.model_validate(_own_task(session, user, id), from_attributes=True)


@app.put("/api/tasks/{id}")
def update_task(id: str, body: TaskUpdate, session: SessionDep, user: CurrentUser) -> TaskPublic:
    task = _own_task(session, user, id)
    task.sqlmodel_update(body.changes())
    task.title_key = title_sort_key(task.title)
    task.updated_at = utc_now()
    session.add(task)
    session.commit()
    session.refresh(task)
    return TaskPublic.model_validate(task, from_attributes=True)


@app.delete("/api/tasks/{id}", status_code=204, response_class=Response)
def delete_task(id: str, session: SessionDep, user: CurrentUser) -> None:
    session.delete(_own_task(session, user, id))
    session.commit()


@app.patch("/api/tasks/{id}/complete")
def toggle_task(id: str, session: SessionDep, user: CurrentUser) -> TaskPublic:
    task = _own_task(session, user, id)
    task.completed = not task.completed
    task.updated_at = utc_now()
    session.add(task)
    session.commit()
    session.refresh(task)
    return TaskPublic.model_validate(task, from_attributes=True)


handler = Mangum(app, lifespan="off")
