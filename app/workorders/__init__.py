"""The closed loop (全链闭环): dispatch, deadlines and supervision, resolution, return visits, accountability."""
