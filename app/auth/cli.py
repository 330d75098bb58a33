"""`caselink user`: add, list and disable users."""

import typer
from rich.console import Console
from rich.table import Table

from app.auth import service
from app.auth.models import ROLES

console = Console()
user_app = typer.Typer(help="Manage users of the API and workbench.", no_args_is_help=True)


@user_app.command("add")
def add(
    username: str = typer.Argument(..., help="Login name."),
    role: str = typer.Option(..., "--role", help=f"One of: {', '.join(ROLES)}."),
    area: str = typer.Option("", "--area", help="Area code of the jurisdiction ('' only for admin)."),
    password: str = typer.Option(None, "--password", help="Password (asked for when omitted)."),
) -> None:
    """Create a user with a role and an area scope."""
    from app.cli import fail, open_graph

    try:
        service.validate_new_user(username=username, role=role, area_code=area)
    except ValueError as error:
        raise fail(str(error)) from error
    with open_graph() as graph:
        try:
            service.check_area_known(graph=graph, area_code=area)
        except ValueError as error:
            raise fail(str(error)) from error
        secret = password or typer.prompt("Password", hide_input=True, confirmation_prompt=True)
        if len(secret) < 8:
            raise fail("the password needs at least 8 characters")
        created = service.add_user(graph=graph, username=username, password=secret, role=role, area_code=area)
    if not created:
        raise fail(f"user {username} exists already; nothing changed")
    console.print(f"user {username} added: {role}, area {area or '(whole city)'}")


@user_app.command("list")
def list_command() -> None:
    """List users with role, area and state."""
    from app.cli import open_graph

    with open_graph() as graph:
        users = service.list_users(graph=graph)
    table = Table("username", "role", "area", "disabled", "created")
    for user in users:
        table.add_row(user.username, user.role, user.area_code or "(city)", "yes" if user.disabled else "",
                      str(user.created_at or ""))
    console.print(table)


@user_app.command("disable")
def disable(username: str = typer.Argument(..., help="Login name.")) -> None:
    """Disable a user; their tokens stop working immediately."""
    from app.cli import fail, open_graph

    with open_graph() as graph:
        if not service.disable_user(graph=graph, username=username):
            raise fail(f"no user {username}")
    console.print(f"user {username} disabled")
